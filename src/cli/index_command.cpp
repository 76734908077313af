// relais indice calculer --definition FILE.json [--nom NAME]
// relais indice lister
// Computes an index of digital fragility (docs/index.md) from imported
// indicator sets and stores it as indicator sets: NAME (communes and
// arrondissements), NAME_epci, NAME_departement, NAME_region, each with one
// indicator per score, axis, sub-index, the total and the context indicators.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <iostream>
#include <map>

#include "catalog/file_digest.h"
#include "cli/clock.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/read_file.h"
#include "indicators/index_definition.h"
#include "indicators/index_engine.h"
#include "store/store.h"

namespace relais::cli {
namespace {

struct IndexOptions {
  std::string definition;
  std::string name;
};

std::string thousands(std::size_t n) {
  std::string digits = std::to_string(n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) out += "\u202f";  // narrow no-break space, as French writes it
    out += digits[i];
  }
  return out;
}

std::string generation_text(const indicators::IndexDefinition& d) {
  return fmt::format("IFN {} {}", d.generation, d.variant);
}

int run_index_compute(Context& context, const IndexOptions& options) {
  const std::filesystem::path path(options.definition);
  const std::string bytes = read_whole_file(path);
  indicators::IndexDefinition definition;
  try {
    definition = indicators::parse_index_definition(bytes, options.definition);
  } catch (const indicators::IndexDefinitionError& e) {
    throw CommandError(kUsage, e.what());
  }
  const std::string name = options.name.empty() ? definition.name : options.name;
  for (char c : name) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-')) {
      throw CommandError(kUsage, "--nom " + name + " : lettres, chiffres, _ et - seulement");
    }
  }

  auto& store = context.store();
  const territory::CommuneIndex communes(store.load_communes());
  if (communes.size() == 0) {
    throw CommandError(kUsage, "aucune commune dans la base : lancer d'abord `relais import communes`");
  }

  // The inputs, each set read once; every missing one named at once.
  std::map<std::string, store::IndicatorSet> sets;
  for (auto& set : store.list_indicator_sets()) sets.emplace(set.name, std::move(set));
  std::vector<std::string> missing;
  std::map<std::string, const store::IndicatorSet*> used_sets;
  for (const auto& ref : definition.inputs()) {
    auto it = sets.find(ref.set);
    if (it == sets.end()) {
      missing.push_back(ref.spec() + " (ensemble absent)");
    } else if (it->second.level != "commune") {
      missing.push_back(ref.spec() + " (ensemble de niveau " + it->second.level + ", il faut des communes)");
    } else if (std::find(it->second.indicators.begin(), it->second.indicators.end(), ref.indicator) ==
               it->second.indicators.end()) {
      missing.push_back(ref.spec() + " (indicateur absent de l'ensemble)");
    } else {
      used_sets.emplace(ref.set, &it->second);
    }
  }
  if (!missing.empty()) {
    std::string list;
    for (const auto& m : missing) list += "\n  " + m;
    throw CommandError(kUsage, options.definition + " : entrées introuvables dans la base (relais import indicateurs, "
                                                    "voir docs/index.md) :" + list);
  }
  for (const auto* suffix : {"", "_epci", "_departement", "_region"}) {
    if (used_sets.contains(name + suffix)) {
      throw CommandError(kUsage, "--nom " + name + " : l'ensemble " + name + suffix +
                                     " est une entrée de l'indice, il serait remplacé ; choisir un autre nom");
    }
  }
  indicators::IndexInputs inputs{&communes, {}};
  for (const auto& ref : definition.inputs()) inputs.values[ref.spec()];  // present even when all values are missing
  for (const auto& [set_name, set] : used_sets) {
    for (const auto& v : store.load_indicator_values(set_name)) {
      const std::string spec = set_name + ":" + v.indicator;
      auto it = inputs.values.find(spec);
      if (it != inputs.values.end() && v.value) it->second.emplace(v.code, *v.value);
    }
  }

  indicators::IndexResult result;
  try {
    result = indicators::compute_index(definition, inputs);
  } catch (const std::runtime_error& e) {
    throw CommandError(kInvalidInput, options.definition + " : " + e.what());
  }

  // Provenance kept with every stored set.
  const auto day = today();
  std::string from, oldest;
  for (const auto& [set_name, set] : used_sets) {
    from += fmt::format("{}{} ({})", from.empty() ? "" : ", ", set_name, set->data_date);
    if (oldest.empty() || set->data_date < oldest) oldest = set->data_date;
  }
  const std::string source =
      fmt::format("Relais, {} ({}, méthode {}{}), calculé le {:04}-{:02}-{:02} à partir de {}", definition.label,
                  generation_text(definition), indicators::method_name(definition.method),
                  definition.method == indicators::IndexMethod::Ratio
                      ? std::string(", base 100 = ") + std::string(indicators::reference_level_name(definition.reference_level))
                      : std::string(),
                  static_cast<int>(day.year()), static_cast<unsigned>(day.month()), static_cast<unsigned>(day.day()),
                  from);

  struct Level {
    const indicators::IndexTable* table;
    std::string suffix, level;
  };
  const std::vector<Level> levels{{&result.communes, "", "commune"},
                                  {&result.epci, "_epci", "epci"},
                                  {&result.departements, "_departement", "departement"},
                                  {&result.regions, "_region", "region"}};
  // Everything is built before the first write; each set is one transaction.
  std::vector<std::pair<store::IndicatorSet, std::vector<store::IndicatorValue>>> to_store;
  for (const auto& level : levels) {
    store::IndicatorSet set;
    set.name = name + level.suffix;
    set.source = source;
    set.data_date = oldest;
    set.level = level.level;
    set.file_name = path.filename().string();
    set.content_sha256 = catalog::sha256_hex(bytes);
    std::vector<store::IndicatorValue> values;
    for (std::size_t c = 0; c < result.columns.size(); ++c) {
      set.indicators.push_back(result.columns[c].name);
      for (std::size_t row = 0; row < level.table->codes.size(); ++row) {
        values.push_back({level.table->codes[row], result.columns[c].name, level.table->values[c][row]});
      }
    }
    to_store.emplace_back(std::move(set), std::move(values));
  }
  for (const auto& [set, values] : to_store) store.replace_indicator_set(set, values);

  std::cout << fmt::format("Indice « {} » ({}, méthode {}) : {} communes et arrondissements, {} avec un total "
                           "(au moins {} composantes présentes)\n",
                           definition.label, generation_text(definition), indicators::method_name(definition.method),
                           thousands(result.units), thousands(result.units_with_total), definition.minimum_present);
  for (const auto& c : result.coverage) {
    const bool scored = std::any_of(definition.indicators.begin(), definition.indicators.end(),
                                    [&](const auto& s) { return s.name == c.name; });
    std::cout << fmt::format("  {} {} ← {} : {} avec valeur, {} sans valeur{}\n", scored ? "score  " : "contexte",
                             c.name, c.input, thousands(c.units_with_value), thousands(c.units_missing),
                             c.iris_without_population
                                 ? fmt::format(" ({} IRIS sans population ignorés)", c.iris_without_population)
                                 : "");
  }
  std::cout << fmt::format("Enregistré : {} ({} communes), {}_epci ({} EPCI), {}_departement ({} départements), "
                           "{}_region ({} régions), indicateurs : ",
                           name, thousands(result.communes.codes.size()), name, thousands(result.epci.codes.size()), name,
                           result.departements.codes.size(), name, result.regions.codes.size());
  for (std::size_t c = 0; c < result.columns.size(); ++c) std::cout << (c ? ", " : "") << result.columns[c].name;
  std::cout << fmt::format("\nDonnées du {} au plus tôt ; à utiliser avec relais diagnose --indice {}:total\n", oldest,
                           name);
  return kSuccess;
}

int run_index_list(Context& context) {
  const auto sets = context.store().list_indicator_sets();
  if (sets.empty()) {
    std::cout << "Aucun ensemble d'indicateurs dans la base (relais import indicateurs, relais indice calculer)\n";
    return kSuccess;
  }
  for (const auto& set : sets) {
    std::cout << fmt::format("{} — niveau {}, données {}, enregistré le {}\n  source : {}\n  indicateurs : ", set.name,
                             set.level, set.data_date, set.imported_at, set.source);
    for (std::size_t i = 0; i < set.indicators.size(); ++i) {
      std::cout << (i ? ", " : "") << set.name << ":" << set.indicators[i];
    }
    std::cout << "\n";
  }
  return kSuccess;
}

}  // namespace

void add_index_command(CLI::App& app, Context& context, int& result) {
  auto* index = app.add_subcommand("indice", "Compute an index of digital fragility (IFN) from imported indicators "
                                             "(docs/index.md)");
  index->require_subcommand(1);
  auto options = std::make_shared<IndexOptions>();
  auto* compute = index->add_subcommand(
      "calculer",
      "Compute the index described by a definition (data/indicateurs/indices/*.json) from the imported indicator "
      "sets, and store it as the sets NAME, NAME_epci, NAME_departement, NAME_region (replacing them); then "
      "`relais diagnose --indice NAME:total`.");
  compute->add_option("--definition", options->definition, "JSON definition of the index")
      ->required()
      ->check(CLI::ExistingFile);
  compute->add_option("--nom,--name", options->name, "Name of the stored sets (default: the definition's name)");
  compute->callback([&context, &result, options] { result = run_index_compute(context, *options); });
  auto* list = index->add_subcommand("lister", "List the indicator sets in the database and their indicators");
  list->callback([&context, &result] { result = run_index_list(context); });
}

}  // namespace relais::cli
