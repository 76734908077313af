// The places' records kept fresh by their teams (staff/places.h). The
// handler has authorised the action on the place or report the route names;
// lists are built from the principal's own structures only.
#include "staff/places.h"

#include <algorithm>
#include <map>

#include "accounts/time_text.h"
#include "api/query_string.h"
#include "core/field.h"
#include "editing/place_form.h"
#include "mail/message.h"
#include "staff/responses.h"
#include "standard/writer.h"
#include "store/place_edit_store.h"
#include "store/place_json.h"

namespace relais::staff {
namespace {

using nlohmann::json;

// A record not confirmed for this long is "à confirmer" (issue 5: reminder after 6 months).
constexpr std::chrono::days kStaleAfter{183};

using detail::html;
using detail::key_of;
using detail::ref_of;

std::string place_url(const store::PlaceKey& key) { return "/espace/lieux/" + api::encode_component(ref_of(key)); }

std::chrono::sys_seconds now_of(const Page& page) {
  return page.context.clock ? page.context.clock()
                            : std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

// Places of the principal's structures (active memberships), with their structure.
std::vector<std::pair<store::PlaceKey, std::int64_t>> own_places(const Page& page) {
  std::vector<std::pair<store::PlaceKey, std::int64_t>> out;
  for (const auto& m : page.principal.memberships) {
    for (auto& key : page.context.store.accounts().places_of_structure(m.structure_id)) {
      out.emplace_back(std::move(key), m.structure_id);
    }
  }
  return out;
}

// "aujourd’hui", "il y a 3 jours", "il y a 7 mois".
std::string ago(std::chrono::sys_seconds then, std::chrono::sys_seconds now) {
  const auto days = std::chrono::floor<std::chrono::days>(now - then).count();
  if (days < 1) return "aujourd’hui";
  if (days < 31) return "il y a " + std::to_string(days) + (days == 1 ? " jour" : " jours");
  const auto months = days / 30;
  if (months < 12) return "il y a " + std::to_string(months) + " mois";
  const auto years = days / 365;
  return "il y a " + std::to_string(years) + (years == 1 ? " an" : " ans");
}

struct Freshness {
  std::string text;  // "confirmée il y a 7 mois", "jamais confirmée par l’équipe"
  bool stale = false;
};

Freshness freshness_of(const store::PlaceFreshness* f, std::chrono::sys_seconds now) {
  if (!f || f->confirmed_at.empty()) return {"jamais confirmée par l’équipe", true};
  try {
    const auto at = accounts::parse_time_text(f->confirmed_at);
    return {"confirmée " + ago(at, now), now - at > kStaleAfter};
  } catch (const std::invalid_argument&) {
    return {"date de confirmation illisible", true};
  }
}

std::optional<std::int64_t> structure_of(const Page& page, const store::PlaceKey& key) {
  return page.context.store.accounts().structure_of_place(key);
}

std::string display_name(const Page& page, const std::optional<std::int64_t>& user_id) {
  if (!user_id) return "l’exploitant (ligne de commande)";
  auto user = page.context.store.accounts().find_user(*user_id);
  if (!user) return "compte supprimé";
  return user->display_name.empty() ? "compte supprimé" : user->display_name;
}

// ---- places -------------------------------------------------------------

api::Response list_places(const Page& page) {
  const auto now = now_of(page);
  std::map<std::pair<std::string, std::string>, store::PlaceFreshness> fresh;
  for (auto& f : page.context.store.place_edits().freshness()) {
    fresh.emplace(std::pair{f.place.source, f.place.place_id}, std::move(f));
  }
  json rows = json::array();
  std::size_t stale = 0;
  for (const auto& [key, structure_id] : own_places(page)) {
    auto place = page.context.store.find_place(key.source, key.place_id);
    if (!place) continue;
    auto it = fresh.find({key.source, key.place_id});
    const Freshness f = freshness_of(it == fresh.end() ? nullptr : &it->second, now);
    stale += f.stale ? 1 : 0;
    rows.push_back({{"name", place->nom},
                    {"commune", place->commune},
                    {"url", place_url(key)},
                    {"history_url", place_url(key) + "/historique"},
                    {"confirm_url", place_url(key) + "/confirmer"},
                    {"freshness", f.text},
                    {"stale", f.stale}});
  }
  json data{{"places", rows}, {"has_places", !rows.empty()}, {"none", rows.empty()}, {"stale_count", stale > 0 ? std::to_string(stale) : ""}};
  return html(200, render_page(page, "Mes lieux", "espace_lieux", std::move(data)));
}

json form_data(const editing::PlaceForm& form, const Place& place, const store::PlaceKey& key, int version) {
  json data = editing::to_json(form);
  data["name"] = place.nom;
  data["action"] = place_url(key);
  data["history_url"] = place_url(key) + "/historique";
  data["public_url"] = "/lieux/" + api::encode_component(ref_of(key));
  data["version"] = std::to_string(version);
  data["has_notices"] = !form.notices.empty();
  return data;
}

api::Response edit_page(const Page& page, const store::PlaceKey& key) {
  auto place = page.context.store.find_place(key.source, key.place_id);
  if (!place) return error(page, 404, "Ce lieu n’existe pas ou plus.");
  const auto versions = page.context.store.place_edits().versions(key);
  const int version = versions.empty() ? 0 : versions.back().version;
  json data = form_data(editing::form_for(*place), *place, key, version);
  if (page.form.has("enregistre")) data["saved"] = true;
  // Every edit and confirmation stamps confirmed_at, so the last version's
  // date is the record's freshness.
  store::PlaceFreshness f;
  if (!versions.empty()) f.confirmed_at = versions.back().edited_at;
  const Freshness freshness = freshness_of(versions.empty() ? nullptr : &f, now_of(page));
  data["freshness"] = freshness.text;
  data["stale"] = freshness.stale;
  data["confirm_url"] = place_url(key) + "/confirmer";
  return html(200, render_page(page, "Modifier « " + place->nom + " »", "espace_lieu", std::move(data)));
}

api::Response save(const Page& page, const store::PlaceKey& key) {
  auto original = page.context.store.find_place(key.source, key.place_id);
  if (!original) return error(page, 404, "Ce lieu n’existe pas ou plus.");
  const auto now = now_of(page);
  const std::chrono::year_month_day today{std::chrono::floor<std::chrono::days>(now)};
  editing::Submission submission = editing::read_form(page.form.items(), *original, today);
  int version = 0;
  if (auto v = page.form.all("version"); v.size() == 1) {
    try {
      version = std::stoi(std::string(v.front()));
    } catch (const std::exception&) {
      return error(page, 400, "Le formulaire est incomplet : rechargez la fiche et recommencez.");
    }
  } else {
    return error(page, 400, "Le formulaire est incomplet : rechargez la fiche et recommencez.");
  }
  if (!submission.place) {
    json data = form_data(submission.form, *original, key, version);
    return html(400, render_page(page, "Corriger la fiche « " + original->nom + " »", "espace_lieu", std::move(data)));
  }
  const auto structure_id = structure_of(page, key);
  try {
    auto saved = page.context.store.place_edits().edit_place(key, *submission.place, version, page.principal.user_id,
                                                             structure_id, accounts::time_text(now));
    // Which fields changed (names only: no personal data in the journal).
    json changed = json::array();
    const RawRecord before = standard::to_raw(*original), after = standard::to_raw(*submission.place);
    for (std::string_view name : kFieldNames) {
      const std::string* a = before.find(name);
      const std::string* b = after.find(name);
      if ((a ? *a : "") != (b ? *b : "") && name != "date_maj") changed.push_back(std::string(name));
    }
    page.accounts.record({.action = journal::action::kPlaceEdited,
                          .actor_user_id = page.principal.user_id,
                          .structure_id = structure_id,
                          .object_type = "lieu",
                          .object_id = ref_of(key),
                          .details = {{"version", saved.version}, {"champs", changed}},
                          .personal = json::object(),
                          .personal_user_id = std::nullopt});
  } catch (const store::EditConflict&) {
    json data{{"name", original->nom}, {"url", place_url(key)}, {"history_url", place_url(key) + "/historique"}};
    return html(409, render_page(page, "La fiche a changé entre-temps", "espace_lieu_conflit", std::move(data)));
  }
  return redirect(place_url(key) + "?enregistre=1");
}

api::Response confirm(const Page& page, const store::PlaceKey& key) {
  if (!page.context.store.find_place(key.source, key.place_id)) return error(page, 404, "Ce lieu n’existe pas ou plus.");
  const auto structure_id = structure_of(page, key);
  auto v = page.context.store.place_edits().confirm_place(key, page.principal.user_id, structure_id,
                                                          accounts::time_text(now_of(page)));
  page.accounts.record({.action = journal::action::kPlaceConfirmed,
                        .actor_user_id = page.principal.user_id,
                        .structure_id = structure_id,
                        .object_type = "lieu",
                        .object_id = ref_of(key),
                        .details = {{"version", v.version}},
                        .personal = json::object(),
                        .personal_user_id = std::nullopt});
  return redirect("/espace/lieux");
}

api::Response history(const Page& page, const store::PlaceKey& key) {
  auto place = page.context.store.find_place(key.source, key.place_id);
  if (!place) return error(page, 404, "Ce lieu n’existe pas ou plus.");
  auto versions = page.context.store.place_edits().versions(key);
  json rows = json::array();
  std::optional<RawRecord> previous;
  for (const auto& v : versions) {
    RawRecord record = standard::to_raw(store::place_from_json(v.record_json));
    json changes = json::array();
    if (previous) {
      for (std::string_view name : kFieldNames) {
        const std::string* a = previous->find(name);
        const std::string* b = record.find(name);
        if ((a ? *a : "") == (b ? *b : "")) continue;
        changes.push_back({{"label", editing::field_label(name)}, {"before", a ? *a : "(vide)"},
                           {"after", b ? *b : "(vide)"}});
      }
    }
    std::string when = v.edited_at;
    try {
      when = accounts::time_text(accounts::parse_time_text(v.edited_at)).substr(0, 10) + " à " +
             v.edited_at.substr(11, 5) + " (UTC)";
    } catch (const std::invalid_argument&) {
    }
    rows.push_back({{"version", std::to_string(v.version)},
                    {"what", v.change == "confirmation" ? "Fiche confirmée à jour" : "Fiche modifiée"},
                    {"who", display_name(page, v.user_id)},
                    {"when", when},
                    {"changes", changes},
                    {"has_changes", !changes.empty()},
                    {"first", !previous.has_value() && v.change == "modification"}});
    previous = std::move(record);
  }
  std::reverse(rows.begin(), rows.end());  // newest first
  json data{{"name", place->nom}, {"url", place_url(key)}, {"versions", rows}, {"none", rows.empty()}};
  return html(200, render_page(page, "Historique de « " + place->nom + " »", "espace_lieu_historique", std::move(data)));
}

// ---- reports ------------------------------------------------------------

// HTML escaping for the reply e-mail's body (the templates escape pages).
std::string mail_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      case '\n': out += "<br>"; break;
      default: out += c;
    }
  }
  return out;
}


std::string status_label(std::string_view status) {
  if (status == "nouveau") return "Nouveau";
  if (status == "en_cours") return "En cours";
  if (status == "traite") return "Traité";
  if (status == "rejete") return "Rejeté";
  return std::string(status);
}

json statuses(std::string_view current) {
  json out = json::array();
  for (std::string_view s : {"nouveau", "en_cours", "traite", "rejete"}) {
    out.push_back({{"value", std::string(s)}, {"label", status_label(s)}, {"selected", s == current}});
  }
  return out;
}

api::Response reports_list(const Page& page) {
  std::vector<std::string> refs;
  for (const auto& [key, structure_id] : own_places(page)) refs.push_back(ref_of(key));
  json rows = json::array();
  for (const auto& r : page.context.store.place_edits().reports_about(refs)) {
    auto key = key_of(r.place_ref);
    auto place = key ? page.context.store.find_place(key->source, key->place_id) : std::nullopt;
    rows.push_back({{"url", "/espace/signalements/" + std::to_string(r.id)},
                    {"place", place ? place->nom : r.place_ref},
                    {"received", r.received_at.substr(0, 10)},
                    {"status", status_label(r.status)},
                    {"is_new", r.status == "nouveau"},
                    {"message", r.message.size() > 120 ? r.message.substr(0, 117) + "…" : r.message}});
  }
  json data{{"reports", rows}, {"has_reports", !rows.empty()}, {"none", rows.empty()}};
  return html(200, render_page(page, "Signalements", "espace_signalements", std::move(data)));
}

std::optional<store::PlaceReport> own_report(const Page& page) {
  const auto& text = page.path_parameters.at(0);
  if (text.empty() || text.size() > 18 || text.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  auto report = page.context.store.place_edits().find_report(std::stoll(text));
  if (!report) return std::nullopt;
  // Belt and braces: the handler authorised HandleReports on the report's place.
  for (const auto& [key, structure_id] : own_places(page)) {
    if (ref_of(key) == report->place_ref) return report;
  }
  if (page.principal.admin) return report;
  return std::nullopt;
}

api::Response report_page(const Page& page, const store::PlaceReport& report, int status = 200,
                          std::string reply_error = {}, std::string reply_text = {}) {
  auto key = key_of(report.place_ref);
  auto place = key ? page.context.store.find_place(key->source, key->place_id) : std::nullopt;
  json replies = json::array();
  for (const auto& r : page.context.store.place_edits().replies(report.id)) {
    replies.push_back({{"who", display_name(page, r.user_id)}, {"when", r.replied_at.substr(0, 10)},
                       {"message", r.message}, {"emailed", r.emailed}});
  }
  json data{{"id", std::to_string(report.id)},
            {"action", "/espace/signalements/" + std::to_string(report.id)},
            {"place", place ? place->nom : report.place_ref},
            {"place_url", key ? place_url(*key) : ""},
            {"received", report.received_at.substr(0, 10)},
            {"categories", report.categories},
            {"has_categories", !report.categories.empty()},
            {"message", report.message},
            {"has_email", !report.email.empty()},
            {"can_email", !report.email.empty() && static_cast<bool>(page.context.mail)},
            {"status", status_label(report.status)},
            {"statuses", statuses(report.status)},
            {"has_replies", !replies.empty()},
            {"replies", replies},
            {"reply_error", reply_error},
            {"reply_text", reply_text}};
  return html(status, render_page(page, "Signalement n° " + std::to_string(report.id), "espace_signalement",
                                  std::move(data)));
}

api::Response reply(const Page& page, store::PlaceReport report) {
  auto& edits = page.context.store.place_edits();
  const auto now = accounts::time_text(now_of(page));
  const auto key = key_of(report.place_ref);
  const auto structure_id = key ? structure_of(page, *key) : std::nullopt;
  auto one = [&](std::string_view name) {
    auto all = page.form.all(name);
    return all.size() == 1 ? std::string(all.front()) : std::string();
  };
  std::string message = one("reponse");
  message.erase(0, message.find_first_not_of(" \t\r\n"));
  message.erase(message.find_last_not_of(" \t\r\n") + 1);
  const std::string status = one("statut");
  if (message.empty() && status.empty()) {
    return report_page(page, report, 400, "Écrivez une réponse ou choisissez un statut.");
  }
  if (message.size() > 5000) {
    return report_page(page, report, 400, "La réponse doit tenir en 5 000 caractères.", message);
  }
  if (!message.empty()) {
    store::ReportReply r;
    r.report_id = report.id;
    r.user_id = page.principal.user_id;
    r.replied_at = now;
    r.message = message;
    if (!report.email.empty() && page.context.mail) {
      auto place = key ? page.context.store.find_place(key->source, key->place_id) : std::nullopt;
      const std::string name = place ? place->nom : report.place_ref;
      mail::Message m;
      m.to = report.email;
      m.subject = "Réponse à votre signalement sur « " + name + " »";
      m.text = "Bonjour,\n\nVous nous avez signalé une erreur sur la fiche « " + name +
               " ». Voici la réponse de l’équipe du lieu :\n\n" + message +
               "\n\nMerci pour votre aide.\n\nCe message vous est envoyé une seule fois ; votre adresse n’est pas "
               "conservée au-delà du traitement de votre signalement.\n";
      m.html = "<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>" + mail_escape(m.subject) +
               "</title></head><body><p>Bonjour,</p><p>Vous nous avez signalé une erreur sur la fiche « " +
               mail_escape(name) + " ». Voici la réponse de l’équipe du lieu :</p><blockquote><p>" +
               mail_escape(message) + "</p></blockquote><p>Merci pour votre aide.</p></body></html>";
      try {
        page.context.mail(m);
        r.emailed = true;
      } catch (const std::exception&) {
        return report_page(page, report, 502,
                           "La réponse n’a pas pu être envoyée par courriel ; réessayez dans quelques minutes.",
                           message);
      }
    }
    edits.add_reply(r);
    page.accounts.record({.action = journal::action::kReportAnswered,
                          .actor_user_id = page.principal.user_id,
                          .structure_id = structure_id,
                          .object_type = "signalement",
                          .object_id = std::to_string(report.id),
                          .details = {{"envoye_par_courriel", r.emailed}},
                          .personal = json::object(),
                          .personal_user_id = std::nullopt});
  }
  if (!status.empty() && status != report.status) {
    if (status != "nouveau" && status != "en_cours" && status != "traite" && status != "rejete") {
      return report_page(page, report, 400, "Ce statut n’existe pas.");
    }
    edits.set_report_status(report.id, status, now);
    page.accounts.record({.action = journal::action::kReportHandled,
                          .actor_user_id = page.principal.user_id,
                          .structure_id = structure_id,
                          .object_type = "signalement",
                          .object_id = std::to_string(report.id),
                          .details = {{"statut", status}},
                          .personal = json::object(),
                          .personal_user_id = std::nullopt});
  }
  return redirect("/espace/signalements/" + std::to_string(report.id));
}

}  // namespace

api::Response handle_places(const Page& page, std::string_view route) {
  const std::string_view method = page.request.method;
  if (route == "/espace/lieux") return list_places(page);
  if (route == "/espace/signalements") return reports_list(page);
  if (route.starts_with("/espace/lieux/{lieu}")) {
    auto key = key_of(page.path_parameters.at(0));
    if (!key) return error(page, 404, "Ce lieu n’existe pas.");
    if (route == "/espace/lieux/{lieu}") return method == "POST" ? save(page, *key) : edit_page(page, *key);
    if (route == "/espace/lieux/{lieu}/confirmer") return confirm(page, *key);
    if (route == "/espace/lieux/{lieu}/historique") return history(page, *key);
  }
  if (route == "/espace/signalements/{signalement}") {
    auto report = own_report(page);
    if (!report) return error(page, 404, "Ce signalement n’existe pas ou ne concerne pas vos lieux.");
    return method == "POST" ? reply(page, *report) : report_page(page, *report);
  }
  return error(page, 404, "Cette page n’existe pas.");
}

}  // namespace relais::staff
