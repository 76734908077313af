// relais journal verify|seal|show: the tamper-evident journal (journal/journal.h,
// docs/journal.md) from the command line.
//   verify [--public-key FILE] [--json]  exit 0 when it verifies, 1 with each problem
//   seal [--origin TEXT]                 writes a checkpoint, prints the signed note
//   show [--from N] [--limit N] [--personal] [--json]
#include <fmt/format.h>

#include <filesystem>
#include <iostream>
#include <map>
#include <memory>

#include <nlohmann/json.hpp>

#include "cli/clock.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/instance_settings.h"
#include "journal/checkpoint.h"
#include "journal/journal.h"
#include "security/keys.h"
#include "store/store.h"

namespace relais::cli {
namespace {

namespace fs = std::filesystem;

struct JournalOptions {
  std::string public_key;
  std::string origin;  // "" = the server's (instance_settings.h)
  std::int64_t from = 1;
  std::size_t limit = 50;
  bool json = false;
  bool personal = false;
};

// --public-key, else the keys folder's public key file (no secret needed, so
// a copy of the database can be checked elsewhere), else the key ring (which
// creates the keys on a machine that has none yet).
std::array<unsigned char, 32> public_key(Context& context, const JournalOptions& options) {
  fs::path file = options.public_key;
  if (file.empty()) {
    file = fs::path(context.keys.empty() ? std::string(security::kDefaultKeysDir) : context.keys) /
           "journal-ed25519.pub";
    if (!fs::exists(file)) return context.key_ring().journal_public;
  }
  try {
    return security::load_journal_public_key(file);
  } catch (const std::exception& e) {
    throw CommandError(kUsage, std::string("cannot read the public key: ") + e.what());
  }
}

int run_verify(Context& context, const JournalOptions& options) {
  const auto key = public_key(context, options);
  const journal::VerifyReport report = journal::verify(context.store().journal(), key);
  if (options.json) {
    nlohmann::json problems = nlohmann::json::array();
    for (const auto& p : report.problems) problems.push_back({{"seq", p.seq}, {"what", p.what}});
    std::cout << nlohmann::json{{"ok", report.ok()},
                                {"entries", report.entries},
                                {"checkpoints", report.checkpoints},
                                {"problems", problems}}
                     .dump(2)
              << "\n";
  } else {
    for (const auto& p : report.problems) {
      if (p.seq > 0) std::cout << fmt::format("entry {}: {}\n", p.seq, p.what);
      else std::cout << fmt::format("journal: {}\n", p.what);
    }
    if (report.ok()) {
      std::cout << fmt::format("journal verified: {} entries, {} signed checkpoints\n", report.entries,
                               report.checkpoints);
    } else {
      std::cerr << fmt::format("the journal does NOT verify: {} problem(s) over {} entries and {} checkpoints\n",
                               report.problems.size(), report.entries, report.checkpoints);
    }
  }
  return report.ok() ? kSuccess : kInvalidInput;
}

int run_seal(Context& context, const JournalOptions& options) {
  journal::JournalSettings settings = instance_settings_from_environment().journal;
  if (!options.origin.empty()) settings.origin = options.origin;
  journal::Journal journal(context.store().journal(), context.key_ring(), settings, [] { return now(); });
  std::optional<store::JournalCheckpointRow> checkpoint;
  try {
    checkpoint = journal.seal();
  } catch (const journal::CheckpointError& e) {
    throw CommandError(kUsage, e.what());
  }
  if (!checkpoint) {
    checkpoint = context.store().journal().last_checkpoint();
    if (!checkpoint) {
      std::cerr << "the journal is empty: nothing to seal\n";
      return kSuccess;
    }
    std::cerr << fmt::format("nothing new since the checkpoint of size {} (below)\n", checkpoint->tree_size);
  } else if (!context.quiet) {
    std::cerr << fmt::format("checkpoint written over {} entries; keep a copy of this note off this machine\n",
                             checkpoint->tree_size);
  }
  std::cout << checkpoint->signed_note;
  return kSuccess;
}

std::string optional_text(const std::optional<std::int64_t>& value) {
  return value ? std::to_string(*value) : std::string("-");
}

int run_show(Context& context, const JournalOptions& options) {
  auto& store = context.store().journal();
  const auto entries = store.entries(options.from, options.limit);
  std::map<std::int64_t, store::JournalPersonalRow> personal;
  if (options.personal) {
    for (auto& row : store.personal_rows(options.from, options.limit)) personal.emplace(row.seq, std::move(row));
  }
  auto personal_json = [&](std::int64_t seq) -> nlohmann::json {
    const auto it = personal.find(seq);
    if (it == personal.end()) return nullptr;
    if (it->second.fields.empty()) return {{"efface_le", it->second.erased_at}};
    try {
      return nlohmann::json::parse(it->second.fields);
    } catch (const nlohmann::json::exception&) {
      return it->second.fields;
    }
  };
  if (options.json) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& e : entries) {
      nlohmann::json details;
      try {
        details = nlohmann::json::parse(e.details);
      } catch (const nlohmann::json::exception&) {
        details = e.details;  // edited into something unreadable: shown as text
      }
      nlohmann::json row = {{"seq", e.seq},
                            {"recorded_at", e.recorded_at},
                            {"action", e.action},
                            {"label", journal::action_label(e.action)},
                            {"actor_user_id", e.actor_user_id ? nlohmann::json(*e.actor_user_id) : nullptr},
                            {"structure_id", e.structure_id ? nlohmann::json(*e.structure_id) : nullptr},
                            {"object_type", e.object_type},
                            {"object_id", e.object_id},
                            {"details", details},
                            {"has_personal", !e.personal_commitment.empty()},
                            {"hash", e.hash}};
      if (options.personal) row["personal"] = personal_json(e.seq);
      out.push_back(std::move(row));
    }
    std::cout << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    return kSuccess;
  }
  if (entries.empty()) std::cerr << fmt::format("no entries from number {}\n", options.from);
  for (const auto& e : entries) {
    std::cout << fmt::format("#{} {} {} [{}] utilisateur {} structure {} {} {} {}\n", e.seq, e.recorded_at,
                             journal::action_label(e.action), e.action, optional_text(e.actor_user_id),
                             optional_text(e.structure_id), e.object_type, e.object_id, e.details);
    if (options.personal && personal.contains(e.seq)) {
      std::cout << "    données personnelles : "
                << personal_json(e.seq).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    }
  }
  return kSuccess;
}

}  // namespace

void add_journal_command(CLI::App& app, Context& context, int& result) {
  auto options = std::make_shared<JournalOptions>();
  auto* command = app.add_subcommand("journal", "The tamper-evident journal of security and data events");
  command->require_subcommand(1);

  auto* verify = command->add_subcommand(
      "verify", "Recompute the hash chain, personal-data commitments and signed checkpoints; exit 1 naming each "
                "edited, deleted or moved entry");
  verify->add_option("--public-key", options->public_key,
                     "Ed25519 public key file (32 bytes; default: journal-ed25519.pub of the keys folder)");
  verify->add_flag("--json", options->json, "JSON report");
  verify->callback([&context, &result, options] { result = run_verify(context, *options); });

  auto* seal = command->add_subcommand(
      "seal", "Sign a checkpoint over every entry (C2SP signed note) and print it: copy it off this machine");
  seal->add_option("--origin", options->origin, "Checkpoint origin line (default: the server's, host of RELAIS_PUBLIC_URL + /journal)");
  seal->callback([&context, &result, options] { result = run_seal(context, *options); });

  auto* show = command->add_subcommand("show", "List entries with their French labels");
  show->add_option("--from", options->from, "First entry number (default 1)")->check(CLI::PositiveNumber);
  show->add_option("--limit", options->limit, "How many entries (default 50)")->check(CLI::PositiveNumber);
  show->add_flag("--personal", options->personal, "Also print the personal fields (e-mail, IP) not yet erased");
  show->add_flag("--json", options->json, "JSON array");
  show->callback([&context, &result, options] { result = run_show(context, *options); });
}

}  // namespace relais::cli
