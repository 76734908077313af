// relais maintenance [--dry-run] [--json]: the retention job
// (accounts/maintenance.h, docs/personal-data.md). Run it daily, e.g. from
// cron: `15 3 * * * relais maintenance --json >> /var/log/relais-maintenance.log`.
// E-mails go through the SMTP relay of the environment, as for `relais serve`
// (RELAIS_SMTP_URL, RELAIS_SMTP_FROM, RELAIS_SMTP_USER, RELAIS_SMTP_PASSWORD,
// RELAIS_SMTP_TLS…); without RELAIS_SMTP_URL they are listed, not sent.
#include <fmt/format.h>

#include <cstdlib>
#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "accounts/maintenance.h"
#include "cli/clock.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/instance_settings.h"
#include "mail/smtp.h"
#include "server/config.h"

namespace relais::cli {
namespace {

struct MaintenanceCommandOptions {
  bool dry_run = false;
  bool json = false;
};

nlohmann::json optional_count(const std::optional<std::size_t>& n) {
  return n ? nlohmann::json(*n) : nlohmann::json(nullptr);
}

int run_maintenance_command(Context& context, const MaintenanceCommandOptions& o) {
  const auto instance = instance_settings_from_environment();
  const server::Config& config = instance.config;
  if (!config.smtp_url.empty() && (!mail::is_smtp_url(config.smtp_url) || config.smtp_from.empty())) {
    throw CommandError(kUsage, "RELAIS_SMTP_URL needs an smtp:// or smtps:// URL and RELAIS_SMTP_FROM");
  }
  accounts::MailSender sender;
  if (!config.smtp_url.empty()) {
    mail::SmtpSettings smtp{.url = config.smtp_url, .from = config.smtp_from, .from_name = config.smtp_from_name,
                            .user = config.smtp_user, .password = config.smtp_password,
                            .tls = mail::parse_tls(config.smtp_tls), .timeout = config.smtp_timeout_seconds};
    sender = [smtp](const mail::Message& message) {
      mail::Message full = message;
      full.from = smtp.from;
      full.from_name = smtp.from_name;
      mail::send(smtp, full);
    };
  }
  accounts::MaintenanceOptions options;
  options.dry_run = o.dry_run;
  options.base_url = instance.base_url;
  const auto report = accounts::run_maintenance(context.store(), context.key_ring(), sender, options,
                                                instance.journal, [] { return now(); });
  std::size_t failed = 0;
  for (const auto& m : report.mails) failed += m.error.empty() ? 0 : 1;

  if (o.json) {
    nlohmann::json mails = nlohmann::json::array();
    for (const auto& m : report.mails) {
      mails.push_back({{"to", m.message.to}, {"subject", m.message.subject}, {"sent", m.sent}, {"error", m.error}});
    }
    nlohmann::json out = {{"dry_run", report.dry_run},
                          {"smtp", !config.smtp_url.empty()},
                          {"sessions_deleted", optional_count(report.sessions_deleted)},
                          {"tokens_deleted", optional_count(report.tokens_deleted)},
                          {"throttle_rows_deleted", optional_count(report.throttle_rows_deleted)},
                          {"rate_events_deleted", optional_count(report.rate_events_deleted)},
                          {"journal_personal_erased", optional_count(report.journal_personal_erased)},
                          {"report_emails_forgotten", optional_count(report.report_emails_forgotten)},
                          {"accounts_warned", report.accounts_warned},
                          {"accounts_deactivated", report.accounts_deactivated},
                          {"accounts_erased", report.accounts_erased},
                          {"place_reminders", report.reminders},
                          {"journal_sealed_tree_size",
                           report.sealed_tree_size ? nlohmann::json(*report.sealed_tree_size) : nlohmann::json(nullptr)},
                          {"mails", mails}};
    std::cout << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  } else {
    auto count = [](const std::optional<std::size_t>& n) { return n ? std::to_string(*n) : std::string("-"); };
    std::cout << (report.dry_run ? "Simulation (rien n'est modifié ni envoyé)\n" : "")
              << fmt::format("sessions terminées supprimées : {}\n", count(report.sessions_deleted))
              << fmt::format("jetons expirés supprimés : {}\n", count(report.tokens_deleted))
              << fmt::format("compteurs de tentatives supprimés : {}\n", count(report.throttle_rows_deleted))
              << fmt::format("envois de fiches décomptés supprimés : {}\n", count(report.rate_events_deleted))
              << fmt::format("données personnelles du journal effacées : {}\n",
                             count(report.journal_personal_erased))
              << fmt::format("adresses des signalements oubliées : {}\n", count(report.report_emails_forgotten))
              << fmt::format("comptes avertis (5 mois sans connexion) : {}\n", report.accounts_warned)
              << fmt::format("comptes désactivés (6 mois sans connexion) : {}\n", report.accounts_deactivated)
              << fmt::format("comptes effacés (3 ans sans connexion, ou invitation jamais acceptée) : {}\n",
                             report.accounts_erased)
              << fmt::format("lieux à confirmer (rappels) : {}\n", report.reminders)
              << fmt::format("journal scellé : {}\n", report.sealed_tree_size
                                                           ? fmt::format("point de contrôle sur {} entrées",
                                                                         *report.sealed_tree_size)
                                                           : std::string("déjà à jour"));
    for (const auto& m : report.mails) {
      std::cout << fmt::format("  e-mail à {} « {} » : {}\n", m.message.to, m.message.subject,
                               m.sent ? "envoyé"
                               : !m.error.empty() ? "échec (" + m.error + ")"
                               : report.dry_run   ? "serait envoyé"
                                                  : "non envoyé (pas de relais SMTP : RELAIS_SMTP_URL)");
    }
  }
  return failed > 0 ? kInvalidInput : kSuccess;
}

}  // namespace

void add_maintenance_command(CLI::App& app, Context& context, int& result) {
  auto o = std::make_shared<MaintenanceCommandOptions>();
  auto* maintenance = app.add_subcommand(
      "maintenance",
      "Retention job (docs/personal-data.md): delete ended sessions and expired tokens, erase old personal data, "
      "warn then deactivate inactive accounts, remind teams of places to confirm; run it daily");
  maintenance->add_flag("--dry-run", o->dry_run, "Count and list, change nothing, send nothing");
  maintenance->add_flag("--json", o->json, "JSON report");
  maintenance->callback([&context, &result, o] { result = run_maintenance_command(context, *o); });
}

}  // namespace relais::cli
