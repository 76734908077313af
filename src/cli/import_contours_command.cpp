// relais import contours FILE [--niveau commune|departement|region] [--tolerance DEGREES]
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <map>

#include "catalog/file_digest.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/problem_summary.h"
#include "cli/read_file.h"
#include "maps/contour_import.h"
#include "maps/encoding.h"
#include "store/store.h"

namespace relais::cli {
namespace {


struct ImportContoursOptions {
  std::string file;
  std::string level;
  double tolerance = maps::kDefaultToleranceDegrees;
};

void print_problems(const Problems& problems, std::ostream& out) {
  print_problem_summary(problems, out, [](const Problem& p) { return fmt::format("{} entité {}", p.file, p.record); });
}

int run_import_contours(Context& context, const ImportContoursOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  const std::filesystem::path path(options.file);
  const std::string file_name = path.filename().string();
  auto& store = context.store();
  territory::CommuneIndex communes(store.load_communes());
  if (communes.size() == 0) {
    throw CommandError(kUsage, "aucune commune dans la base : lancez d'abord `relais import communes`");
  }
  const std::string bytes = read_whole_file(path);
  auto imported = maps::import_contours(bytes, file_name, communes, {options.level, options.tolerance});
  if (imported.rejected) {
    std::cerr << fmt::format("{} : fichier refusé, rien n'est enregistré\n", options.file);
    print_problems(imported.problems, std::cerr);
    return kInvalidInput;
  }
  if (imported.contours.empty()) {
    std::cerr << fmt::format("{} : aucun contour de niveau {} reconnu, rien n'est enregistré\n", options.file,
                             imported.level);
    print_problems(imported.problems, std::cerr);
    return kInvalidInput;
  }
  store::ContourSet set{imported.level, file_name, catalog::sha256_hex(bytes), options.tolerance, "", 0};
  store.replace_contours(set, imported.contours);  // one transaction: all of the level or nothing
  std::size_t encoded = 0;
  for (const auto& c : imported.contours) encoded += maps::encode_geometry(c.polygons).size();
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  std::cerr << fmt::format(
      "{} : {} entités lues, {} contours de niveau {}{} enregistrés ; {} points gardés sur {} (tolérance {}°), "
      "{} octets de géométrie ; {} territoires d'aujourd'hui sans contour ; {:.1f} s\n",
      options.file, imported.features, imported.contours.size(), imported.level,
      imported.level_guessed ? fmt::format(" (deviné d'après « {} »)", imported.code_key) : "", imported.points_kept,
      imported.points_read, options.tolerance, encoded, imported.territories_without_contour, seconds);
  if (!context.quiet && !imported.problems.empty()) print_problems(imported.problems, std::cerr);
  return kSuccess;
}

}  // namespace

void add_import_contours_command(CLI::App& import, Context& context, int& result) {
  auto options = std::make_shared<ImportContoursOptions>();
  auto* command = import.add_subcommand(
      "contours",
      "Import the contours of communes, départements or régions (GeoJSON FeatureCollection of Polygon/MultiPolygon). "
      "Communes must be imported first; former communes' polygons go to today's commune. Geometry is simplified "
      "(Douglas–Peucker). Replaces every contour of the level (docs/maps.md).");
  command->add_option("file", options->file, "GeoJSON file")->required()->check(CLI::ExistingFile);
  command->add_option("--niveau", options->level, "commune, departement or region (default: guessed from the codes)")
      ->check(CLI::IsMember({"commune", "departement", "region"}));
  command
      ->add_option("--tolerance", options->tolerance,
                   "Simplification tolerance in degrees (0 keeps every point)")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 0.1));
  command->callback([&context, &result, options] { result = run_import_contours(context, *options); });
}

}  // namespace relais::cli
