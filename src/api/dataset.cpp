#include "api/dataset.h"

#include <algorithm>
#include <fstream>
#include <stdexcept>
#include <thread>

#include <nlohmann/json.hpp>

#include "api/representation.h"

namespace relais::api {
namespace {

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
  // Pre-rendered JSON of every place (needs refs_), on every core: about
  // 10 µs per place, so seconds at a million places.
  dataset->texts_.resize(places.size());
  {
    const std::size_t workers =
        std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, std::max<std::size_t>(1, places.size() / 1000));
    std::vector<std::exception_ptr> failures(workers);
    auto render = [&dataset, &failures, n = places.size(), workers](std::size_t w) {
      try {
        for (std::size_t i = w * n / workers; i < (w + 1) * n / workers; ++i)
          dataset->texts_[i] = render_place_text(*dataset, static_cast<std::uint32_t>(i));
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
  }
  for (const auto& commune : cat.communes().communes()) {
    if (commune.commune_parente || !commune.code_epci) continue;
    dataset->epci_members_[*commune.code_epci].push_back(&commune);
  }
  return dataset;
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
