#include "maps/encoding.h"

#include <cmath>

namespace relais::maps {
namespace {

constexpr std::uint8_t kVersion = 1;

void put_varint(std::string& out, std::uint64_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<char>((v & 0x7f) | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
}

std::uint64_t zigzag(std::int64_t v) { return (static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63); }
std::int64_t unzigzag(std::uint64_t v) { return static_cast<std::int64_t>(v >> 1) ^ -static_cast<std::int64_t>(v & 1); }

std::int64_t microdegrees(double degrees) { return std::llround(degrees * 1e6); }

class Reader {
 public:
  explicit Reader(std::span<const std::uint8_t> bytes) : bytes_(bytes) {}
  std::uint64_t varint() {
    std::uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (at_ == bytes_.size()) throw std::invalid_argument("geometry: truncated");
      const std::uint8_t b = bytes_[at_++];
      v |= static_cast<std::uint64_t>(b & 0x7f) << shift;
      if (!(b & 0x80)) return v;
    }
    throw std::invalid_argument("geometry: varint too long");
  }
  // A count of items that each take at least `min_bytes` more bytes.
  std::size_t count(std::size_t min_bytes) {
    const std::uint64_t n = varint();
    if (n > (bytes_.size() - at_) / min_bytes) throw std::invalid_argument("geometry: count beyond the data");
    return static_cast<std::size_t>(n);
  }
  std::uint8_t byte() {
    if (at_ == bytes_.size()) throw std::invalid_argument("geometry: empty");
    return bytes_[at_++];
  }
  bool done() const { return at_ == bytes_.size(); }

 private:
  std::span<const std::uint8_t> bytes_;
  std::size_t at_ = 0;
};

}  // namespace

std::string encode_geometry(const MultiPolygon& polygons) {
  std::string out;
  out.push_back(static_cast<char>(kVersion));
  put_varint(out, polygons.size());
  std::int64_t last_x = 0, last_y = 0;
  for (const auto& polygon : polygons) {
    put_varint(out, polygon.size());
    for (const auto& ring : polygon) {
      std::size_t n = ring.size();
      if (n > 1 && ring.front() == ring.back()) --n;  // the closing point is implied
      put_varint(out, n);
      for (std::size_t i = 0; i < n; ++i) {
        const std::int64_t x = microdegrees(ring[i].longitude), y = microdegrees(ring[i].latitude);
        put_varint(out, zigzag(x - last_x));
        put_varint(out, zigzag(y - last_y));
        last_x = x;
        last_y = y;
      }
    }
  }
  return out;
}

MultiPolygon decode_geometry(std::span<const std::uint8_t> blob) {
  Reader in(blob);
  if (in.byte() != kVersion) throw std::invalid_argument("geometry: unknown format version");
  MultiPolygon out(in.count(1));
  std::int64_t x = 0, y = 0;
  for (auto& polygon : out) {
    polygon.resize(in.count(1));
    for (auto& ring : polygon) {
      const std::size_t n = in.count(2);
      ring.reserve(n + 1);
      for (std::size_t i = 0; i < n; ++i) {
        const std::int64_t dx = unzigzag(in.varint()), dy = unzigzag(in.varint());
        if (dx > 360'000'000 || dx < -360'000'000 || dy > 180'000'000 || dy < -180'000'000) throw std::invalid_argument("geometry: step out of range");
        x += dx;
        y += dy;
        if (x < -180'000'000 || x > 180'000'000 || y < -90'000'000 || y > 90'000'000) {
          throw std::invalid_argument("geometry: coordinates out of range");
        }
        ring.push_back({static_cast<double>(y) / 1e6, static_cast<double>(x) / 1e6});
      }
      if (!ring.empty()) ring.push_back(ring.front());
    }
  }
  if (!in.done()) throw std::invalid_argument("geometry: trailing bytes");
  return out;
}

}  // namespace relais::maps
