// The retention job (`relais maintenance`, issue 5 item 6): what the register
// of processing (docs/personal-data.md) promises, enforced. Run it daily
// (cron or a systemd timer); every run is idempotent and journalled.
//
//   - ended sessions, expired one-time tokens and old throttling rows deleted;
//   - personal fields of journal entries (e-mail, IP address, browser) erased
//     after kJournalPersonalRetention (the entries and the chain stay);
//   - e-mail addresses left with the public's error reports forgotten after
//     kReportEmailRetention;
//   - staff accounts without sign-in for kInactivityWarning warned by e-mail,
//     deactivated (sessions revoked) after kInactivityDeactivation, as Aidants
//     Connect does (reference §1.7: warning after 5 months, deactivation one
//     month later);
//   - accounts erased (accounts/erasure.h) kAccountRetention after their
//     last sign-in, and accounts created by an invitation that was never
//     accepted kUnacceptedAccountRetention after their creation;
//   - places run by a structure and not confirmed by its team for
//     kFreshnessReminderAfter: a reminder to the structure's active members,
//     at most one per place every kReminderInterval;
//   - the journal sealed in a signed checkpoint over every entry so far, so
//     that a quiet instance is still sealed daily and not only every
//     JournalSettings::seal_every entries.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "accounts/accounts.h"
#include "journal/journal.h"
#include "mail/message.h"
#include "security/keys.h"
#include "store/store.h"

namespace relais::accounts {

using std::chrono::days;

// Sessions and tokens are kept this long after they ended (so that a user
// still sees a session they revoked yesterday), then deleted.
inline constexpr days kEndedSessionRetention{30};
inline constexpr days kExpiredTokenRetention{7};
// Throttling rows without a failure for this long (and no longer blocking).
inline constexpr days kThrottleRetention{1};
// Rate-limited events (AccountStore::admit_rate_event) count for a minute;
// those that no later admission deleted go after an hour (longer than any
// window), so a stored pseudonym of an address never outlives the day's run.
inline constexpr std::chrono::hours kRateEventRetention{1};
// CNIL recommends keeping access logs 6 months to 1 year (délibération
// 2021-122 on logging); the security events themselves stay, without the
// person's e-mail, IP address and browser.
inline constexpr days kJournalPersonalRetention{365};
// Long enough to answer an error report (and for the sender to reply).
inline constexpr days kReportEmailRetention{182};
// Aidants Connect (reference §1.7, CGU art. 5): warning after 5 months
// without sign-in, deactivation after 6.
inline constexpr days kInactivityWarning{152};
inline constexpr days kInactivityDeactivation{183};
// Aidants Connect keeps a helper's data 3 years after the last contact
// (reference §1.11); a deactivated account is then erased.
inline constexpr days kAccountRetention{1096};
// An invitation lasts 72 hours: an account still waiting a month later was
// never taken up.
inline constexpr days kUnacceptedAccountRetention{30};
// Issue 5 item 5: a reminder when a record has not been confirmed for 6 months.
inline constexpr days kFreshnessReminderAfter{183};
inline constexpr days kReminderInterval{30};

struct MaintenanceOptions {
  bool dry_run = false;  // count and list, change nothing, send nothing
  std::string base_url = "http://127.0.0.1:8080";  // links in e-mails
};

struct MaintenanceReport {
  bool dry_run = false;
  // Deleted / erased rows; nothing in a dry run (the store cannot count without deleting).
  std::optional<std::size_t> sessions_deleted, tokens_deleted, throttle_rows_deleted, rate_events_deleted,
      journal_personal_erased, report_emails_forgotten;
  std::size_t accounts_warned = 0, accounts_deactivated = 0, accounts_erased = 0, reminders = 0;
  // Tree size of the checkpoint this run wrote; nothing in a dry run or when
  // the last checkpoint already covered every entry.
  std::optional<std::int64_t> sealed_tree_size;
  // Every e-mail of the run; `sent` is false in a dry run, without a mail
  // sender, or when sending failed (then `error` says why).
  struct Mail {
    mail::Message message;
    bool sent = false;
    std::string error;
  };
  std::vector<Mail> mails;
};

// Runs the job at clock(). `mail` may be empty (no SMTP relay): the e-mails
// are listed in the report, not sent, and reminders and warnings are not
// marked as sent (they go out on a later run with a relay). Deactivations
// happen either way.
MaintenanceReport run_maintenance(store::Store& store, const security::KeyRing& keys, const MailSender& mail,
                                  const MaintenanceOptions& options, journal::JournalSettings journal_settings,
                                  std::function<std::chrono::sys_seconds()> clock);

}  // namespace relais::accounts
