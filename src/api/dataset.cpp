#include "api/dataset.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <new>
#include <numeric>
#include <fstream>
#include <stdexcept>
#include <thread>

#include <sys/mman.h>

#include <nlohmann/json.hpp>

#include "api/representation.h"

namespace relais::api {
namespace {

// Morton code of a position (16 bits of latitude and of longitude
// interleaved): near places get near keys. Places without one go last.
std::uint64_t spatial_key(const std::optional<Coordinates>& position) {
  if (!position) return ~std::uint64_t{0};
  auto scale = [](double value, double low, double high) {
    double t = std::clamp((value - low) / (high - low), 0.0, 1.0);
    return static_cast<std::uint64_t>(t * 65535.0);
  };
  auto spread = [](std::uint64_t v) {  // 16 bits -> every other of 32
    v = (v | (v << 8)) & 0x00FF00FFu;
    v = (v | (v << 4)) & 0x0F0F0F0Fu;
    v = (v | (v << 2)) & 0x33333333u;
    v = (v | (v << 1)) & 0x55555555u;
    return v;
  };
  return spread(scale(position->latitude, -90, 90)) | (spread(scale(position->longitude, -180, 180)) << 1);
}

void read_names(const std::filesystem::path& file, std::map<std::string, std::string, std::less<>>& out) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error(file.string() + ": cannot read");
  nlohmann::json data;
  try {
    data = nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception& e) {
    throw std::runtime_error(file.string() + ": not JSON (" + e.what() + ")");
  }
  if (!data.is_array()) throw std::runtime_error(file.string() + ": expected an array of {code, nom}");
  for (const auto& item : data) {
    if (!item.is_object() || !item.contains("code") || !item.contains("nom") || !item["code"].is_string() ||
        !item["nom"].is_string()) {
      throw std::runtime_error(file.string() + ": expected an array of {code, nom}");
    }
    out[item["code"].get<std::string>()] = item["nom"].get<std::string>();
  }
}

}  // namespace

std::string TerritoryNames::name_of(territory::TerritoryLevel level, std::string_view code) const {
  const std::map<std::string, std::string, std::less<>>* table = nullptr;
  switch (level) {
    case territory::TerritoryLevel::Departement: table = &departements; break;
    case territory::TerritoryLevel::Region: table = &regions; break;
    case territory::TerritoryLevel::Epci: table = &epcis; break;
    case territory::TerritoryLevel::Commune: return {};
  }
  const auto it = table->find(code);
  return it == table->end() ? std::string() : it->second;
}

TerritoryNames TerritoryNames::load(const std::filesystem::path& dir) {
  TerritoryNames names;
  read_names(dir / "departements.json", names.departements);
  read_names(dir / "regions.json", names.regions);
  read_names(dir / "epci.json", names.epcis);
  return names;
}

std::shared_ptr<const Dataset> Dataset::make(catalog::Catalog catalog, TerritoryNames names, std::string version) {
  std::shared_ptr<Dataset> dataset(new Dataset(std::move(catalog)));
  dataset->names_ = std::move(names);
  dataset->version_ = std::move(version);
  const auto& cat = dataset->catalog_;
  auto places = cat.places();
  dataset->refs_.reserve(places.size());
  for (std::size_t i = 0; i < places.size(); ++i) {
    auto records = cat.records_of(i);
    std::string ref = records.empty() ? places[i].id : records.front().source + ":" + records.front().id;
    dataset->by_ref_.emplace(ref, static_cast<std::uint32_t>(i));
    dataset->by_id_.emplace(places[i].id, static_cast<std::uint32_t>(i));
    dataset->refs_.push_back(std::move(ref));
  }
  dataset->render_texts();
  for (const auto& commune : cat.communes().communes()) {
    if (commune.commune_parente || !commune.code_epci) continue;
    dataset->epci_members_[*commune.code_epci].push_back(&commune);
  }
  return dataset;
}

namespace {

// Appends texts into blocks of memory aligned on huge pages, never splitting
// one text across two blocks. Blocks start small (a small catalogue stays
// small) and double up to kLargestBlock.
class TextArena {
 public:
  std::string_view append(std::string_view text) {
    if (blocks_.empty() || used_ + text.size() > size_) grow(text.size());
    char* at = blocks_.back().get() + used_;
    std::memcpy(at, text.data(), text.size());
    used_ += text.size();
    return {at, text.size()};
  }
  std::vector<TextBlock> release() { return std::move(blocks_); }

 private:
  static constexpr std::size_t kHugePage = 2u << 20;
  static constexpr std::size_t kLargestBlock = 32u << 20;

  void grow(std::size_t at_least) {
    std::size_t size = blocks_.empty() ? kHugePage : std::min(size_ * 2, kLargestBlock);
    size = std::max(size, (at_least + kHugePage - 1) / kHugePage * kHugePage);
    char* block = static_cast<char*>(std::aligned_alloc(kHugePage, size));
    if (block == nullptr) throw std::bad_alloc();
    blocks_.emplace_back(block, &std::free);
#ifdef MADV_HUGEPAGE
    madvise(block, size, MADV_HUGEPAGE);  // advice only: without it, ordinary pages
#endif
    size_ = size;
    used_ = 0;
  }

  std::vector<TextBlock> blocks_;
  std::size_t size_ = 0, used_ = 0;
};

}  // namespace

// Why blocks, in spatial order: a search answers places near each other, and
// with their texts side by side in memory (and, on Linux, in huge pages)
// copying the 20 answers of a request touches a few contiguous pages instead
// of 20 scattered heap blocks. At a million places (1.3 GB of text) the
// scattered layout spent more time in cache and TLB misses than in copying.
// Each worker renders a run of places in that order straight into its own
// arena: no second copy of the texts exists at any time (rendering them all
// first, then packing, held 1.3 GB more at its peak).
void Dataset::render_texts() {
  const auto places = catalog_.places();
  const std::size_t n = places.size();
  std::vector<std::uint32_t> order(n);
  std::iota(order.begin(), order.end(), 0u);
  std::vector<std::uint64_t> keys(n);
  for (std::size_t i = 0; i < n; ++i) keys[i] = spatial_key(places[i].coordinates);
  std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) { return keys[a] < keys[b]; });
  std::vector<std::uint64_t>().swap(keys);

  // About 10 µs per place, so seconds at a million places: on every core.
  const std::size_t workers =
      std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, std::max<std::size_t>(1, n / 1000));
  texts_.assign(n, PlaceText{});
  std::vector<TextArena> arenas(workers);
  std::vector<std::exception_ptr> failures(workers);
  auto render = [&](std::size_t w) {
    try {
      for (std::size_t k = w * n / workers; k < (w + 1) * n / workers; ++k) {
        const std::uint32_t i = order[k];
        auto rendered = render_place_text(*this, i);  // reads refs_ and the catalogue only
        texts_[i] = PlaceText{arenas[w].append(rendered.text), rendered.b, rendered.c, rendered.d};
      }
    } catch (...) {
      failures[w] = std::current_exception();
    }
  };
  std::vector<std::thread> threads;
  for (std::size_t w = 1; w < workers; ++w) threads.emplace_back(render, w);
  render(0);
  for (auto& t : threads) t.join();
  for (const auto& failure : failures)
    if (failure) std::rethrow_exception(failure);
  for (auto& arena : arenas)
    for (auto& block : arena.release()) text_blocks_.push_back(std::move(block));
}

std::vector<std::uint32_t> Dataset::find(std::string_view key) const {
  std::string k(key);
  if (auto it = by_ref_.find(k); it != by_ref_.end()) return {it->second};
  std::vector<std::uint32_t> found;
  auto [begin, end] = by_id_.equal_range(k);
  for (auto it = begin; it != end; ++it) found.push_back(it->second);
  std::sort(found.begin(), found.end());
  return found;
}

}  // namespace relais::api
