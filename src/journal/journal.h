// The tamper-evident journal of security and data events (issue 5;
// ../shared/reference/mandates-and-vault.md §4.6, docs/journal.md).
//
// Each entry is chained: hash_n = SHA-256(hash_{n-1} ‖ canonical(entry_n)),
// hash_0 = SHA-256("relais-journal-genesis"). Personal fields (e-mail, IP
// address, user agent, names) are not in the entry: it holds a commitment
// SHA-256(salt ‖ canonical(fields)) and the fields sit in a separate row that
// erasure blanks, so the chain still verifies after an account is deleted.
// Periodically the entries are sealed in a checkpoint: the RFC 6962 Merkle
// root of all entry hashes, in a C2SP signed note signed with the instance's
// Ed25519 key (security/keys.h).
//
// Thread-safety: a Journal is used by one thread at a time (like its store);
// appends from several processes are serialised by the store's transaction.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "journal/merkle.h"
#include "security/keys.h"
#include "store/journal_store.h"

namespace relais::journal {

// Action keys (stable: they are hashed into entries) and their French labels
// in action_label(). Security events, then data events.
namespace action {
inline constexpr const char* kLogin = "connexion";                      // both factors passed
inline constexpr const char* kLoginFailed = "connexion_refusee";        // wrong password, code or link
inline constexpr const char* kLoginThrottled = "connexion_ralentie";    // refused by throttling
inline constexpr const char* kLogout = "deconnexion";
inline constexpr const char* kReauthentication = "reauthentification";
inline constexpr const char* kMagicLinkSent = "lien_connexion_envoye";
inline constexpr const char* kInvitationSent = "invitation_envoyee";
inline constexpr const char* kInvitationAccepted = "invitation_acceptee";
inline constexpr const char* kSecondFactorEnrolled = "second_facteur_enrole";
inline constexpr const char* kRecoveryCodeUsed = "code_secours_utilise";
inline constexpr const char* kRecoveryCodesRenewed = "codes_secours_renouveles";
inline constexpr const char* kPasswordChanged = "mot_de_passe_modifie";
inline constexpr const char* kProfileChanged = "profil_modifie";
inline constexpr const char* kSessionRevoked = "session_revoquee";
inline constexpr const char* kRoleChanged = "role_modifie";
inline constexpr const char* kMemberDeactivated = "membre_desactive";
inline constexpr const char* kAccessDenied = "acces_refuse";             // authorisation refused
inline constexpr const char* kRequestRejected = "requete_rejetee";       // CSRF, malformed or oversized
inline constexpr const char* kStructureCreated = "structure_creee";
inline constexpr const char* kStructureValidated = "structure_validee";
inline constexpr const char* kStructureDeactivated = "structure_desactivee";
inline constexpr const char* kStructureRequested = "structure_demandee";  // public registration form
inline constexpr const char* kStructureRefused = "structure_refusee";
inline constexpr const char* kPlaceAttached = "lieu_rattache";
inline constexpr const char* kPlaceDetached = "lieu_detache";
inline constexpr const char* kPlaceEdited = "lieu_modifie";
inline constexpr const char* kPlaceConfirmed = "lieu_confirme";
inline constexpr const char* kReportHandled = "signalement_traite";
inline constexpr const char* kReportAnswered = "signalement_repondu";
inline constexpr const char* kExport = "export";                        // data exported (CSV, report…)
inline constexpr const char* kAccountDataExported = "donnees_compte_exportees";
inline constexpr const char* kAccountDeleted = "compte_supprime";
inline constexpr const char* kRetentionRun = "maintenance_conservation";
inline constexpr const char* kReminderSent = "rappel_envoye";
}  // namespace action

// "Connexion", "Connexion refusée"…; the key itself for an unknown action.
std::string action_label(const std::string& key);

struct Event {
  std::string action;  // one of journal::action
  std::optional<std::int64_t> actor_user_id;
  std::optional<std::int64_t> structure_id;
  std::string object_type;  // "utilisateur", "structure", "lieu", "signalement", "session", "route"…
  std::string object_id;
  nlohmann::json details = nlohmann::json::object();   // no personal data here
  nlohmann::json personal = nlohmann::json::object();  // e-mail, ip, user_agent…: kept apart, erasable
  std::optional<std::int64_t> personal_user_id;       // whose personal data (for erasure)
};

struct JournalSettings {
  // Checkpoint origin line (C2SP tlog-checkpoint), e.g. "relais.example.fr/journal",
  // of a journal's first checkpoint; later ones keep the first one's.
  std::string origin = "relais/journal";
  std::string key_name = "relais";  // name in the signature line
  // record() seals automatically when this many entries arrived since the last checkpoint.
  std::int64_t seal_every = 256;
};

class Journal {
 public:
  Journal(store::JournalStore& store, const security::KeyRing& keys, JournalSettings settings,
          std::function<std::chrono::sys_seconds()> clock);

  // Appends one entry (and its personal row) and returns it; seals when
  // seal_every entries have come since the last checkpoint.
  store::JournalEntryRow record(const Event& event);

  // Writes a checkpoint over every entry, unless the last one already covers
  // them all; returns the new checkpoint (nullopt also when another process
  // sealed the same entries first). Throws std::runtime_error when an entry
  // is missing (the journal was tampered with: run verify), store::StoreError.
  std::optional<store::JournalCheckpointRow> seal();

 private:
  store::JournalStore& store_;
  const security::KeyRing& keys_;
  JournalSettings settings_;
  std::function<std::chrono::sys_seconds()> clock_;
  // The Merkle tree of the entries sealed so far by this object, extended on
  // each seal() with the new entries only (entries never change).
  merkle::CompactRange sealed_;
};

struct Problem {
  std::int64_t seq = 0;  // entry concerned (0: a checkpoint or the whole journal)
  std::string what;      // French, plain: "l'entrée 42 a été modifiée (empreinte différente)"
};

struct VerifyReport {
  std::int64_t entries = 0, checkpoints = 0;
  std::vector<Problem> problems;  // in seq order; empty = the journal verifies
  bool ok() const { return problems.empty(); }
};

// Recomputes the chain from the genesis (edited, deleted, inserted or
// reordered entries break it at the first such entry, which is named), the
// personal commitments of rows not erased, and every checkpoint (signature
// with `public_key`, Merkle root of its first tree_size entries, sizes
// increasing). Problems are listed by entry, then those of the whole journal
// (seq 0). `settings` is not used yet: the origin is not checked (the
// signature covers it, and a command-line verifier does not know the
// server's); it is there for a future origin or witness policy.
VerifyReport verify(store::JournalStore& store, const std::array<unsigned char, 32>& public_key,
                    const JournalSettings& settings = {});

// The building blocks, for tests and for other verifiers (docs/journal.md).
// The canonical bytes of an entry: the compact JSON array
// [seq, recorded_at, action, actor_user_id|null, structure_id|null,
//  object_type, object_id, details (object, keys sorted), personal_commitment].
// Throws nlohmann::json::exception when details is not JSON or a text is not UTF-8.
std::string canonical_entry(const store::JournalEntryRow& entry);
// hex SHA-256(raw prev_hash ‖ canonical_entry(entry)); nullopt when prev_hash is not 64 hex digits.
std::optional<std::string> entry_hash(const store::JournalEntryRow& entry);
std::string genesis_hash();  // hex SHA-256("relais-journal-genesis"): prev_hash of entry 1
// hex SHA-256(raw salt ‖ fields re-dumped with sorted keys); nullopt when the
// salt is not hex or the fields are not a JSON object.
std::optional<std::string> personal_commitment(const std::string& salt_hex, const std::string& fields);
// The Merkle leaf of an entry: RFC 6962 leaf hash of the 32 bytes of its hash.
merkle::Hash entry_leaf(const store::JournalEntryRow& entry);

}  // namespace relais::journal
