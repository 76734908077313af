#include "accounts/maintenance.h"

#include <map>

#include "accounts/erasure.h"
#include "accounts/time_text.h"
#include "store/account_store.h"
#include "store/journal_store.h"
#include "store/place_edit_store.h"

namespace relais::accounts {
namespace {

using namespace std::chrono;
namespace action = journal::action;

constexpr const char* kInactivityReminder = "inactivite";
constexpr const char* kFreshnessReminder = "fiche_a_confirmer";

std::string html_escape(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

mail::Message message(std::string to, std::string subject, const std::vector<std::string>& paragraphs) {
  mail::Message m;
  m.to = std::move(to);
  m.subject = std::move(subject);
  m.html = "<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>" + html_escape(m.subject) +
           "</title></head><body>";
  for (const auto& p : paragraphs) {
    m.text += p + "\n\n";
    m.html += "<p>" + html_escape(p) + "</p>";
  }
  m.html += "</body></html>";
  return m;
}

// The last sign-in, or the creation of an account never signed in.
std::string last_activity(const store::User& user) {
  return user.last_login_at.empty() ? user.created_at : user.last_login_at;
}

// True when an inactivity warning was journalled for the user since `since`.
bool warned_since(store::JournalStore& journal, std::int64_t user_id, const std::string& since) {
  for (const auto& e : journal.entries_of_user(user_id)) {
    if (e.action != action::kReminderSent || e.recorded_at < since) continue;
    const auto details = nlohmann::json::parse(e.details, nullptr, false);
    if (details.is_object() && details.value("rappel", "") == kInactivityReminder) return true;
  }
  return false;
}

class Run {
 public:
  Run(store::Store& store, const security::KeyRing& keys, const MailSender& mail, const MaintenanceOptions& options,
      journal::JournalSettings journal_settings, std::function<sys_seconds()> clock)
      : store_(store),
        mail_(mail),
        options_(options),
        now_(clock()),
        journal_(store.journal(), keys, std::move(journal_settings), clock) {
    report_.dry_run = options.dry_run;
  }

  MaintenanceReport run() {
    const std::string now = time_text(now_);
    if (!options_.dry_run) {
      auto& a = store_.accounts();
      report_.sessions_deleted = a.delete_sessions_ended_before(ago(kEndedSessionRetention));
      report_.tokens_deleted = a.delete_tokens_expired_before(ago(kExpiredTokenRetention));
      report_.throttle_rows_deleted = a.delete_throttle_before(ago(kThrottleRetention));
      report_.rate_events_deleted = a.delete_rate_events_before(
          std::chrono::duration_cast<std::chrono::milliseconds>((now_ - kRateEventRetention).time_since_epoch())
              .count());
      report_.journal_personal_erased = store_.journal().erase_personal_before(ago(kJournalPersonalRetention), now);
      report_.report_emails_forgotten = store_.place_edits().forget_report_emails_before(ago(kReportEmailRetention));
    }
    inactive_accounts();
    erase_old_accounts();
    freshness_reminders();
    if (!options_.dry_run) {
      journal::Event e;
      e.action = action::kRetentionRun;
      e.object_type = "maintenance";
      e.details = {{"sessions_supprimees", *report_.sessions_deleted},
                   {"jetons_supprimes", *report_.tokens_deleted},
                   {"limitations_supprimees", *report_.throttle_rows_deleted},
                   {"evenements_limites_supprimes", *report_.rate_events_deleted},
                   {"journal_donnees_personnelles_effacees", *report_.journal_personal_erased},
                   {"signalements_emails_oublies", *report_.report_emails_forgotten},
                   {"comptes_avertis", report_.accounts_warned},
                   {"comptes_desactives", report_.accounts_deactivated},
                   {"comptes_effaces", report_.accounts_erased},
                   {"rappels_lieux", report_.reminders}};
      journal_.record(e);
      // The run's own entry is the last one sealed.
      if (const auto checkpoint = journal_.seal()) report_.sealed_tree_size = checkpoint->tree_size;
    }
    return std::move(report_);
  }

 private:
  std::string ago(days d) const { return time_text(now_ - d); }

  // Sends (or lists) one message; true when it was sent.
  bool deliver(mail::Message m) {
    MaintenanceReport::Mail item{std::move(m), false, ""};
    if (!options_.dry_run && mail_) {
      try {
        mail_(item.message);
        item.sent = true;
      } catch (const std::exception& e) {
        item.error = e.what();
      }
    }
    const bool sent = item.sent;
    report_.mails.push_back(std::move(item));
    return sent;
  }

  void inactive_accounts() {
    auto& a = store_.accounts();
    const std::string deactivate_before = ago(kInactivityDeactivation);
    const std::string warn_before = ago(kInactivityWarning);
    for (auto user : a.list_users()) {
      if (user.status != "actif") continue;
      const std::string since = last_activity(user);
      if (since < deactivate_before) {
        ++report_.accounts_deactivated;
        if (options_.dry_run) continue;
        user.status = "desactive";
        a.update_user(user);
        const auto revoked = a.revoke_sessions_of_user(user.id, time_text(now_));
        journal::Event e;
        e.action = action::kMemberDeactivated;
        e.object_type = "utilisateur";
        e.object_id = std::to_string(user.id);
        e.details = {{"raison", "inactivite"}, {"sessions_revoquees", revoked}};
        journal_.record(e);
      } else if (since < warn_before && !warned_since(store_.journal(), user.id, since)) {
        ++report_.accounts_warned;
        const std::string deadline = time_text(parse_time_text(since) + kInactivityDeactivation).substr(0, 10);
        const bool sent = deliver(message(
            user.email, "Votre compte Relais sera désactivé faute de connexion",
            {"Bonjour,",
             "Vous ne vous êtes pas connecté·e à Relais depuis 5 mois. Sans connexion de votre part, votre compte "
             "sera désactivé le " + deadline + " (au bout de 6 mois), comme le prévoient nos règles de protection "
             "des données.",
             "Pour le garder, connectez-vous simplement : " + options_.base_url + "/espace/connexion",
             "Un compte désactivé peut être rouvert par une nouvelle invitation de la personne référente de votre "
             "structure."}));
        if (sent) {
          journal::Event e;
          e.action = action::kReminderSent;
          e.object_type = "utilisateur";
          e.object_id = std::to_string(user.id);
          e.details = {{"rappel", kInactivityReminder}};
          e.personal = {{"email", user.email}};
          e.personal_user_id = user.id;
          journal_.record(e);
        }
      }
    }
  }

  void erase_old_accounts() {
    const std::string retention_before = ago(kAccountRetention);
    const std::string unaccepted_before = ago(kUnacceptedAccountRetention);
    for (const auto& user : store_.accounts().list_users()) {
      if (user.status == "supprime") continue;
      const bool never_accepted = user.status == "invite" && user.last_login_at.empty();
      const char* reason = nullptr;
      if (never_accepted && user.created_at < unaccepted_before) {
        reason = "invitation_non_acceptee";
      } else if (last_activity(user) < retention_before) {
        reason = "conservation_expiree";
      }
      if (!reason) continue;
      ++report_.accounts_erased;
      if (!options_.dry_run) erase_account(store_, journal_, user, time_text(now_), std::nullopt, reason);
    }
  }

  void freshness_reminders() {
    auto& a = store_.accounts();
    const std::string stale_before = ago(kFreshnessReminderAfter);
    const std::string remind_before = ago(kReminderInterval);
    // Stale places, grouped by the structure that runs them.
    std::map<std::int64_t, std::vector<store::PlaceKey>> stale;
    for (const auto& f : store_.place_edits().freshness()) {
      const std::string& reference = f.confirmed_at.empty() ? f.updated_at : f.confirmed_at;
      if (reference.empty() || reference >= stale_before) continue;
      if (!f.last_reminder_at.empty() && f.last_reminder_at >= remind_before) continue;
      if (const auto structure = a.structure_of_place(f.place)) stale[*structure].push_back(f.place);
    }
    for (const auto& [structure_id, places] : stale) {
      const auto structure = a.find_structure(structure_id);
      if (!structure || structure->status == "desactivee") continue;
      std::vector<std::string> lines{"Bonjour,",
                                     "Les fiches de ces lieux de « " + structure->name +
                                         " » n'ont pas été confirmées depuis plus de 6 mois. Le public s'y fie "
                                         "pour venir : vérifiez les horaires et les services, puis cliquez sur "
                                         "« La fiche est à jour » ou corrigez-la."};
      for (const auto& p : places) {
        const auto place = store_.find_place(p.source, p.place_id);
        lines.push_back("- " + (place ? place->nom : p.source + ":" + p.place_id) + " : " + options_.base_url +
                        "/espace/lieux/" + p.source + ":" + p.place_id);
      }
      lines.push_back("Vous recevez ce message parce que vous êtes membre de cette structure sur Relais.");
      bool any_sent = false;
      for (const auto& m : a.members_of_structure(structure_id)) {
        if (!m.active) continue;
        const auto user = a.find_user(m.user_id);
        if (!user || user->status != "actif") continue;
        any_sent |= deliver(message(user->email, "Vos fiches de lieux sont-elles à jour ?", lines));
      }
      report_.reminders += places.size();
      if (!any_sent) continue;  // nothing went out: try again on the next run
      for (const auto& p : places) {
        store_.place_edits().record_reminder(p, time_text(now_));
        journal::Event e;
        e.action = action::kReminderSent;
        e.structure_id = structure_id;
        e.object_type = "lieu";
        e.object_id = p.source + ":" + p.place_id;
        e.details = {{"rappel", kFreshnessReminder}};
        journal_.record(e);
      }
    }
  }

  store::Store& store_;
  const MailSender& mail_;
  const MaintenanceOptions& options_;
  sys_seconds now_;
  journal::Journal journal_;
  MaintenanceReport report_;
};

}  // namespace

MaintenanceReport run_maintenance(store::Store& store, const security::KeyRing& keys, const MailSender& mail,
                                  const MaintenanceOptions& options, journal::JournalSettings journal_settings,
                                  std::function<sys_seconds()> clock) {
  return Run(store, keys, mail, options, std::move(journal_settings), std::move(clock)).run();
}

}  // namespace relais::accounts
