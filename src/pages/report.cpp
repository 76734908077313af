#include "pages/report.h"

#include <algorithm>
#include <array>

#include "core/text.h"

namespace relais::pages {
namespace {

constexpr std::array<ReportCategoryInfo, 8> kCategories{{
    {ReportCategory::Horaires, "horaires", "Horaires"},
    {ReportCategory::Services, "services", "Services proposés"},
    {ReportCategory::Adresse, "adresse", "Adresse"},
    {ReportCategory::Contacts, "contacts", "Contacts"},
    {ReportCategory::Accompagnements, "accompagnements", "Accompagnements"},
    {ReportCategory::Labels, "labels", "Labels"},
    {ReportCategory::Public, "public", "Public"},
    {ReportCategory::LieuFerme, "lieu_ferme", "Le lieu n'existe plus"},
}};

std::string trim(std::string_view text) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!text.empty() && space(text.front())) text.remove_prefix(1);
  while (!text.empty() && space(text.back())) text.remove_suffix(1);
  return std::string(text);
}

// A deliberately simple shape check: one '@', something before it, a dot in
// the domain, no spaces or angle brackets. The address is only used to answer.
bool looks_like_email(std::string_view email) {
  auto at = email.find('@');
  if (at == std::string_view::npos || at == 0 || email.find('@', at + 1) != std::string_view::npos) return false;
  auto domain = email.substr(at + 1);
  auto dot = domain.find('.');
  if (dot == std::string_view::npos || dot == 0 || domain.back() == '.') return false;
  for (unsigned char c : email) {
    if (c <= ' ' || c == '<' || c == '>' || c == '"' || c == ',' || c == ';' || c == '\\' || c == 0x7f) return false;
  }
  return true;
}

}  // namespace

std::span<const ReportCategoryInfo> report_categories() { return kCategories; }

std::optional<ReportCategory> report_category_from_value(std::string_view value) {
  for (const auto& info : kCategories) {
    if (info.value == value) return info.category;
  }
  return std::nullopt;
}

const ReportCategoryInfo& report_category_info(ReportCategory category) {
  return kCategories[static_cast<std::size_t>(category)];
}

ReportForm read_report_form(std::string_view place_id,
                            std::span<const std::pair<std::string, std::string>> fields) {
  ReportForm form;
  form.report.place_id = std::string(place_id);
  bool unknown_category = false;
  for (const auto& [name, value] : fields) {
    if (name == kReportCategoryField) {
      if (auto category = report_category_from_value(value)) {
        auto& list = form.report.categories;
        if (std::find(list.begin(), list.end(), *category) == list.end()) list.push_back(*category);
      } else if (!value.empty()) {
        unknown_category = true;
      }
    } else if (name == kReportMessageField) {
      form.report.message = trim(value);
    } else if (name == kReportEmailField) {
      form.report.email = trim(value);
    }
  }
  std::sort(form.report.categories.begin(), form.report.categories.end());
  if (unknown_category) {
    form.errors.push_back({std::string(kReportCategoryField), "Une des catégories choisies n’existe pas. Cochez-les de nouveau."});
  }
  return form;
}

std::vector<FieldError> validate_report(const ErrorReport& report) {
  std::vector<FieldError> errors;
  if (report.categories.empty()) {
    errors.push_back({std::string(kReportCategoryField), "Cochez au moins une case : qu’est-ce qui est faux ?"});
  }
  if (!is_valid_utf8(report.message)) {
    errors.push_back({std::string(kReportMessageField), "Le texte contient des caractères illisibles. Écrivez-le de nouveau."});
  } else if (report.message.empty()) {
    errors.push_back({std::string(kReportMessageField), "Expliquez l’erreur en quelques mots."});
  } else if (utf8_length(report.message) > kReportMessageMax) {
    errors.push_back({std::string(kReportMessageField),
                      "Le texte est trop long : " + std::to_string(kReportMessageMax) + " caractères au plus."});
  }
  if (!report.email.empty()) {
    if (!is_valid_utf8(report.email) || utf8_length(report.email) > kReportEmailMax || !looks_like_email(report.email)) {
      errors.push_back({std::string(kReportEmailField),
                        "L’adresse e-mail n’est pas valide. Exemple : nom@exemple.fr. Vous pouvez aussi laisser ce champ vide."});
    }
  }
  return errors;
}

std::vector<FieldError> validate_report_form(const ReportForm& form) {
  std::vector<FieldError> all = form.errors;
  for (auto& error : validate_report(form.report)) all.push_back(std::move(error));
  std::vector<FieldError> out;
  for (const std::string_view field : {kReportCategoryField, kReportMessageField, kReportEmailField}) {
    auto it = std::find_if(all.begin(), all.end(), [&](const FieldError& e) { return e.field == field; });
    if (it != all.end()) out.push_back(*it);
  }
  return out;
}

}  // namespace relais::pages
