// "Vérifier un fichier": a places file of the national standard (CSV or
// JSON) uploaded and validated with the import pipeline's rules; the
// problems are shown with their line and field. Nothing is stored.
#include <string>

#include "staff/responses.h"
#include "validation/import.h"

namespace relais::staff::detail {
namespace {

constexpr std::size_t kMaxShown = 200;

std::string format_of(std::string_view filename) {
  auto dot = filename.rfind('.');
  std::string ext(dot == std::string_view::npos ? "" : filename.substr(dot + 1));
  for (auto& c : ext) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return ext;
}

}  // namespace

api::Response file_check_page(const Page& page) {
  return page_response(page, 200, "Vérifier un fichier de lieux", "espace_valider",
                       {{"max", std::to_string(kMaxStaffBodyBytes / (1024 * 1024))}});
}

api::Response file_check(const Page& page, const std::vector<web::MultipartPart>& files) {
  const web::MultipartPart* file = nullptr;
  for (const auto& part : files) {
    if (part.name == "fichier") file = &part;
  }
  auto again = [&](int status, std::string problem) {
    return page_response(page, status, "Vérifier un fichier de lieux", "espace_valider",
                         {{"max", std::to_string(kMaxStaffBodyBytes / (1024 * 1024))}, {"problem", problem}});
  };
  if (!file || !file->filename || file->filename->empty()) return again(400, "Choisissez un fichier à vérifier.");
  auto ext = format_of(*file->filename);
  if (ext != "csv" && ext != "json") {
    return again(415, "Le fichier doit être au format CSV (.csv) ou JSON (.json) du standard national.");
  }
  // The name only labels problems; a generated one keeps the person's file
  // name out of anything but this page.
  auto result = validation::import_buffer(file->body, "fichier." + ext);
  nlohmann::json problems = nlohmann::json::array();
  for (const auto& p : result.problems) {
    if (problems.size() == kMaxShown) break;
    problems.push_back({{"line", p.line ? std::to_string(p.line) : ""},
                        {"record", p.record_id},
                        {"field", p.field},
                        {"value", p.value.size() > 120 ? p.value.substr(0, 120) + "…" : p.value},
                        {"rule", p.rule},
                        {"message", p.message},
                        {"error", p.severity == Severity::Error}});
  }
  return page_response(page, 200, "Résultat de la vérification", "espace_valider_resultat",
                       {{"filename", *file->filename},
                        {"read", std::to_string(result.counts.read)},
                        {"accepted", std::to_string(result.counts.accepted)},
                        {"errors", std::to_string(result.counts.errors)},
                        {"warnings", std::to_string(result.counts.warnings)},
                        {"rejected", result.rejected},
                        {"clean", result.problems.empty()},
                        {"truncated", result.problems.size() > kMaxShown},
                        {"problems", problems}});
}

}  // namespace relais::staff::detail
