// The journal: chaining, sealing and verification (journal.h, docs/journal.md).
//
// Canonical encoding of an entry (what its hash covers), fixed forever since
// old hashes must stay verifiable: the JSON array
//   [seq, recorded_at, action, actor_user_id or null, structure_id or null,
//    object_type, object_id, details, personal_commitment]
// dumped by nlohmann::json without spaces, with details parsed from its
// stored text and re-dumped (object keys sorted, numbers in shortest form,
// UTF-8 as is, strict: a text that is not UTF-8 does not encode). Recording
// stores texts already in that form, so re-encoding a stored row gives back
// the bytes that were hashed.
//   hash_n = SHA-256(bytes of hash_{n-1} ‖ canonical_n), hash_0 = SHA-256("relais-journal-genesis")
//   commitment = SHA-256(16 bytes of salt ‖ personal fields dumped the same way)
//   Merkle leaf n = SHA-256(0x00 ‖ bytes of hash_n) (RFC 6962)
#include "journal/journal.h"

#include <sodium.h>

#include <algorithm>
#include <cstdio>
#include <limits>
#include <map>
#include <stdexcept>

#include "journal/checkpoint.h"
#include "store/store.h"

namespace relais::journal {
namespace {

using Json = nlohmann::json;

constexpr std::size_t kBatch = 4096;   // entries read at a time by verify() and seal()
constexpr std::size_t kSaltBytes = 16;

void ensure_sodium() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium cannot be initialised");
}

std::string dump(const Json& value) { return value.dump(-1, ' ', false, Json::error_handler_t::strict); }

// The text with invalid UTF-8 sequences replaced (U+FFFD), so that what is
// stored is exactly what the canonical encoding hashes.
std::string valid_utf8(const std::string& text) {
  return Json::parse(Json(text).dump(-1, ' ', false, Json::error_handler_t::replace)).get<std::string>();
}
Json valid_utf8(const Json& value) {
  return Json::parse(value.dump(-1, ' ', false, Json::error_handler_t::replace));
}

std::string to_hex(std::span<const unsigned char> bytes) {
  std::string out(bytes.size() * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), bytes.data(), bytes.size());
  out.pop_back();
  return out;
}

// Exactly `size` bytes of lowercase or uppercase hex, else nullopt.
std::optional<std::vector<unsigned char>> from_hex(const std::string& hex, std::size_t size) {
  if (hex.size() != size * 2) return std::nullopt;
  std::vector<unsigned char> out(size);
  std::size_t length = 0;
  const char* end = nullptr;
  if (sodium_hex2bin(out.data(), out.size(), hex.data(), hex.size(), nullptr, &length, &end) != 0 || length != size ||
      end != hex.data() + hex.size()) {
    return std::nullopt;
  }
  return out;
}

std::string iso_utc(std::chrono::sys_seconds at) {
  const auto day = std::chrono::floor<std::chrono::days>(at);
  const std::chrono::year_month_day ymd{day};
  const std::chrono::hh_mm_ss time{at - day};
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()),
                static_cast<int>(time.seconds().count()));
  return buffer;
}

Json optional_json(const std::optional<std::int64_t>& value) { return value ? Json(*value) : Json(nullptr); }

std::string range_text(std::int64_t first, std::int64_t last) {
  if (first == last) return "l'entrée " + std::to_string(first);
  return "les entrées " + std::to_string(first) + " à " + std::to_string(last);
}

}  // namespace

std::string action_label(const std::string& key) {
  static const std::map<std::string, std::string, std::less<>> kLabels = {
      {action::kLogin, "Connexion"},
      {action::kLoginFailed, "Connexion refusée"},
      {action::kLoginThrottled, "Connexion ralentie (trop d'essais)"},
      {action::kLogout, "Déconnexion"},
      {action::kReauthentication, "Nouvelle vérification d'identité"},
      {action::kMagicLinkSent, "Lien de connexion envoyé"},
      {action::kInvitationSent, "Invitation envoyée"},
      {action::kInvitationAccepted, "Invitation acceptée"},
      {action::kSecondFactorEnrolled, "Second facteur enregistré"},
      {action::kRecoveryCodeUsed, "Code de secours utilisé"},
      {action::kRecoveryCodesRenewed, "Codes de secours renouvelés"},
      {action::kPasswordChanged, "Mot de passe modifié"},
      {action::kProfileChanged, "Nom du compte modifié"},
      {action::kSessionRevoked, "Session fermée à distance"},
      {action::kRoleChanged, "Rôle modifié"},
      {action::kMemberDeactivated, "Membre désactivé"},
      {action::kAccessDenied, "Accès refusé"},
      {action::kRequestRejected, "Requête rejetée"},
      {action::kStructureCreated, "Structure créée"},
      {action::kStructureValidated, "Structure validée"},
      {action::kStructureDeactivated, "Structure désactivée"},
      {action::kStructureRequested, "Demande d'inscription d'une structure"},
      {action::kStructureRefused, "Demande d'inscription refusée"},
      {action::kPlaceAttached, "Lieu rattaché à une structure"},
      {action::kPlaceDetached, "Lieu détaché de sa structure"},
      {action::kPlaceEdited, "Fiche de lieu modifiée"},
      {action::kPlaceConfirmed, "Fiche de lieu confirmée"},
      {action::kReportHandled, "Signalement traité"},
      {action::kReportAnswered, "Réponse à un signalement"},
      {action::kExport, "Export de données"},
      {action::kAccountDataExported, "Données du compte téléchargées"},
      {action::kAccountDeleted, "Compte supprimé"},
      {action::kRetentionRun, "Durées de conservation appliquées"},
      {action::kReminderSent, "Rappel envoyé"},
  };
  const auto it = kLabels.find(key);
  return it == kLabels.end() ? key : it->second;
}

std::string canonical_entry(const store::JournalEntryRow& e) {
  const Json row = Json::array({e.seq, e.recorded_at, e.action, optional_json(e.actor_user_id),
                                optional_json(e.structure_id), e.object_type, e.object_id, Json::parse(e.details),
                                e.personal_commitment});
  return dump(row);
}

std::optional<std::string> entry_hash(const store::JournalEntryRow& entry) {
  const auto prev = from_hex(entry.prev_hash, 32);
  if (!prev) return std::nullopt;
  const std::string canonical = canonical_entry(entry);
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init(&state);
  crypto_hash_sha256_update(&state, prev->data(), prev->size());
  crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(canonical.data()), canonical.size());
  merkle::Hash out;
  crypto_hash_sha256_final(&state, out.data());
  return to_hex(out);
}

std::string genesis_hash() {
  static const std::string kGenesis = [] {
    constexpr std::string_view label = "relais-journal-genesis";
    return to_hex(merkle::sha256({reinterpret_cast<const unsigned char*>(label.data()), label.size()}));
  }();
  return kGenesis;
}

std::optional<std::string> personal_commitment(const std::string& salt_hex, const std::string& fields) {
  const auto salt = from_hex(salt_hex, kSaltBytes);
  if (!salt) return std::nullopt;
  Json parsed;
  try {
    parsed = Json::parse(fields);
  } catch (const Json::parse_error&) {
    return std::nullopt;
  }
  if (!parsed.is_object()) return std::nullopt;
  std::string canonical;
  try {
    canonical = dump(parsed);
  } catch (const Json::exception&) {
    return std::nullopt;
  }
  std::vector<unsigned char> bytes(*salt);
  bytes.insert(bytes.end(), canonical.begin(), canonical.end());
  return to_hex(merkle::sha256(bytes));
}

merkle::Hash entry_leaf(const store::JournalEntryRow& entry) {
  if (const auto bytes = from_hex(entry.hash, 32)) return merkle::leaf_hash(*bytes);
  // A hash edited into something that is not hex: the leaf still covers it.
  return merkle::leaf_hash({reinterpret_cast<const unsigned char*>(entry.hash.data()), entry.hash.size()});
}

Journal::Journal(store::JournalStore& store, const security::KeyRing& keys, JournalSettings settings,
                 std::function<std::chrono::sys_seconds()> clock)
    : store_(store), keys_(keys), settings_(std::move(settings)), clock_(std::move(clock)) {}

store::JournalEntryRow Journal::record(const Event& event) {
  ensure_sodium();
  if (!event.details.is_object() || !event.personal.is_object()) {
    throw std::invalid_argument("journal: details and personal must be JSON objects");
  }
  store::JournalPersonalRow personal;
  std::string commitment;
  if (!event.personal.empty()) {
    std::array<unsigned char, kSaltBytes> salt;
    randombytes_buf(salt.data(), salt.size());
    personal.user_id = event.personal_user_id;
    personal.salt = to_hex(salt);
    personal.fields = dump(valid_utf8(event.personal));
    commitment = *personal_commitment(personal.salt, personal.fields);
  }
  store::JournalEntryRow entry;
  entry.recorded_at = iso_utc(clock_());
  entry.action = valid_utf8(event.action);
  entry.actor_user_id = event.actor_user_id;
  entry.structure_id = event.structure_id;
  entry.object_type = valid_utf8(event.object_type);
  entry.object_id = valid_utf8(event.object_id);
  entry.details = dump(valid_utf8(event.details));
  entry.personal_commitment = commitment;
  const store::JournalEntryRow stored = store_.append(
      [&](const std::optional<store::JournalEntryRow>& last) {
        store::JournalEntryRow e = entry;
        e.seq = last ? last->seq + 1 : 1;
        e.prev_hash = last ? last->hash : genesis_hash();
        // A last hash that is not hex (edited in the database) cannot be
        // chained onto; the entry is then chained onto its text's digest so
        // recording goes on and verify() reports the edited entry.
        if (!from_hex(e.prev_hash, 32)) {
          e.prev_hash = to_hex(merkle::sha256({reinterpret_cast<const unsigned char*>(e.prev_hash.data()),
                                               e.prev_hash.size()}));
        }
        e.hash = *entry_hash(e);
        return e;
      },
      personal);
  if (settings_.seal_every > 0) {
    const auto last_checkpoint = store_.last_checkpoint();
    if (stored.seq - (last_checkpoint ? last_checkpoint->tree_size : 0) >= settings_.seal_every) seal();
  }
  return stored;
}

std::optional<store::JournalCheckpointRow> Journal::seal() {
  const auto last = store_.last_entry();
  if (!last) return std::nullopt;
  const auto previous = store_.last_checkpoint();
  if (previous && previous->tree_size >= last->seq) return std::nullopt;
  const auto size = static_cast<std::uint64_t>(last->seq);
  if (sealed_.size() > size) sealed_ = {};  // another database behind the same object: start again
  while (sealed_.size() < size) {
    const std::uint64_t wanted = std::min<std::uint64_t>(kBatch, size - sealed_.size());
    const std::uint64_t target = sealed_.size() + wanted;
    for (const auto& e : store_.entries(static_cast<std::int64_t>(sealed_.size()) + 1, wanted)) {
      if (e.seq != static_cast<std::int64_t>(sealed_.size()) + 1) break;
      sealed_.append(entry_leaf(e));
    }
    if (sealed_.size() != target) {
      throw std::runtime_error("journal: entry " + std::to_string(sealed_.size() + 1) +
                               " is missing, the journal cannot be sealed (run relais journal verify)");
    }
  }
  // A journal keeps the origin of its first checkpoint for life (C2SP: the
  // checkpoints of one log share it), whatever the settings say now: a new
  // public_url or port must not fork the log. The note starts with its body,
  // whose first line is the origin.
  std::string origin = settings_.origin;
  if (previous) {
    const auto end = previous->signed_note.find('\n');
    if (end != std::string::npos && end > 0) origin = previous->signed_note.substr(0, end);
  }
  const Checkpoint checkpoint{origin, size, sealed_.root()};
  store::JournalCheckpointRow row{last->seq, to_hex(checkpoint.root),
                                  sign_checkpoint(checkpoint, settings_.key_name, keys_.journal_secret),
                                  iso_utc(clock_())};
  try {
    store_.add_checkpoint(row);
  } catch (const store::StoreError&) {
    // Another process sealed the same size first: its checkpoint covers these entries.
    const auto now_last = store_.last_checkpoint();
    if (now_last && now_last->tree_size >= row.tree_size) return std::nullopt;
    throw;
  }
  return row;
}

namespace {

// One pass over the entries, in batches, with the chain, the commitments and
// the Merkle tree computed as it goes (O(n) time, O(batch + log n) memory).
class Verifier {
 public:
  Verifier(store::JournalStore& store, const PublicKey& public_key) : store_(store), public_key_(public_key) {}

  VerifyReport run() {
    open_checkpoints();
    const auto last = store_.last_entry();
    const std::int64_t max_seq = last ? last->seq : 0;
    std::int64_t first = 1;
    std::size_t window = kBatch;
    while (first <= max_seq) {
      const auto batch = store_.entries(first, window);
      const auto personal = store_.personal_rows(first, window);
      std::size_t p = 0;
      for (const auto& entry : batch) {
        while (p < personal.size() && personal[p].seq < entry.seq) ++p;  // of a deleted entry: reported as missing
        const store::JournalPersonalRow* row = p < personal.size() && personal[p].seq == entry.seq ? &personal[p] : nullptr;
        check_entry(entry, row);
      }
      first += static_cast<std::int64_t>(window);
      // Far-apart numbers (a row inserted with a huge seq): widen the window
      // over empty stretches so the pass stays short.
      window = batch.empty() ? window * 2 : kBatch;
    }
    finish(max_seq);
    std::stable_sort(problems_.begin(), problems_.end(), [](const Problem& a, const Problem& b) {
      // Entries in seq order, then the journal-wide problems (seq 0).
      const auto key = [](const Problem& x) { return x.seq == 0 ? std::numeric_limits<std::int64_t>::max() : x.seq; };
      return key(a) < key(b);
    });
    return {entries_, checkpoints_count_, std::move(problems_)};
  }

 private:
  struct Expected {
    std::uint64_t size;
    merkle::Hash root;
  };

  void open_checkpoints() {
    std::optional<Checkpoint> previous;
    for (const auto& row : store_.checkpoints()) {
      ++checkpoints_count_;
      const std::string name = "le point de contrôle de taille " + std::to_string(row.tree_size);
      Checkpoint checkpoint;
      try {
        checkpoint = open_checkpoint(row.signed_note, public_key_);
      } catch (const CheckpointError& e) {
        problems_.push_back({0, name + " : " + e.what()});
        continue;
      }
      if (static_cast<std::int64_t>(checkpoint.size) != row.tree_size || to_hex(checkpoint.root) != row.root_hash) {
        problems_.push_back({0, name + " ne correspond pas à sa note signée (taille ou racine modifiée dans la base)"});
      }
      if (previous) {
        try {
          check_successor(*previous, checkpoint);
          if (checkpoint.size == previous->size) {
            problems_.push_back({0, name + " est en double"});
          }
        } catch (const CheckpointError& e) {
          problems_.push_back({0, name + " : " + e.what()});
        }
      }
      previous = checkpoint;
      checkpoints_.push_back({checkpoint.size, checkpoint.root});  // the signed values are the reference
    }
    std::stable_sort(checkpoints_.begin(), checkpoints_.end(),
                     [](const Expected& a, const Expected& b) { return a.size < b.size; });
    check_roots_at_current_size();  // size 0
  }

  void check_entry(const store::JournalEntryRow& entry, const store::JournalPersonalRow* personal) {
    ++entries_;
    const bool gap = entry.seq != expected_seq_;
    if (gap) {  // entries come by increasing seq: numbers were skipped
      problems_.push_back({expected_seq_, range_text(expected_seq_, entry.seq - 1) +
                                              (entry.seq - 1 == expected_seq_ ? " manque (supprimée)"
                                                                              : " manquent (supprimées)")});
    }
    const std::string seq = std::to_string(entry.seq);
    bool content_ok = false;
    bool readable = true;
    try {
      const auto hash = entry_hash(entry);
      content_ok = hash && *hash == entry.hash;
    } catch (const Json::exception&) {
      readable = false;
    }
    // One problem per entry: the first that applies.
    if (!gap && entry.prev_hash != previous_hash_) {
      problems_.push_back({entry.seq, "l'entrée " + seq +
                                          " n'est plus à sa place : son lien vers l'entrée précédente ne correspond "
                                          "pas (entrée déplacée, remplacée ou insérée)"});
    } else if (!readable) {
      problems_.push_back({entry.seq, "l'entrée " + seq + " a été modifiée (détails illisibles)"});
    } else if (!content_ok) {
      problems_.push_back({entry.seq, "l'entrée " + seq + " a été modifiée (empreinte différente)"});
    } else {
      check_personal(entry, personal);
    }
    previous_hash_ = entry.hash;
    expected_seq_ = entry.seq + 1;
    range_.append(entry_leaf(entry));
    check_roots_at_current_size();
  }

  void check_personal(const store::JournalEntryRow& entry, const store::JournalPersonalRow* personal) {
    const std::string seq = std::to_string(entry.seq);
    if (!personal) {
      if (!entry.personal_commitment.empty()) {
        problems_.push_back({entry.seq, "les données personnelles de l'entrée " + seq + " ont disparu (ligne supprimée)"});
      }
      return;
    }
    if (entry.personal_commitment.empty()) {
      problems_.push_back({entry.seq, "l'entrée " + seq + " a des données personnelles ajoutées après coup"});
      return;
    }
    if (personal->salt.empty() && personal->fields.empty()) return;  // erased: nothing left to check
    const auto commitment = personal_commitment(personal->salt, personal->fields);
    if (!commitment || *commitment != entry.personal_commitment) {
      problems_.push_back({entry.seq, "les données personnelles de l'entrée " + seq + " ont été modifiées"});
    }
  }

  // Compares the tree built so far with the checkpoints of this size.
  void check_roots_at_current_size() {
    while (next_checkpoint_ < checkpoints_.size() && checkpoints_[next_checkpoint_].size <= range_.size()) {
      const Expected& expected = checkpoints_[next_checkpoint_++];
      if (expected.size < range_.size()) continue;  // a duplicate size, already reported
      if (range_.root() == expected.root) {
        last_matching_size_ = expected.size;
      } else {
        problems_.push_back({0, "le point de contrôle de taille " + std::to_string(expected.size) +
                                    " ne correspond plus aux entrées : " +
                                    range_text(static_cast<std::int64_t>(last_matching_size_) + 1,
                                               static_cast<std::int64_t>(expected.size)) +
                                    " ont été modifiées, supprimées ou réécrites depuis sa signature"});
      }
    }
  }

  void finish(std::int64_t max_seq) {
    for (; next_checkpoint_ < checkpoints_.size(); ++next_checkpoint_) {
      problems_.push_back({0, "le point de contrôle de taille " + std::to_string(checkpoints_[next_checkpoint_].size) +
                                  " couvre plus d'entrées que le journal n'en contient (" +
                                  std::to_string(entries_) + ") : des entrées ont été supprimées"});
    }
    const std::int64_t count = store_.entry_count();
    if (count != entries_) {
      problems_.push_back({0, std::to_string(count - entries_) + " entrée(s) portent un numéro hors de la suite 1 à " +
                                  std::to_string(max_seq)});
    }
  }

  store::JournalStore& store_;
  const PublicKey& public_key_;
  std::vector<Problem> problems_;
  std::vector<Expected> checkpoints_;
  std::int64_t checkpoints_count_ = 0;
  std::size_t next_checkpoint_ = 0;
  std::uint64_t last_matching_size_ = 0;
  std::int64_t entries_ = 0;
  std::int64_t expected_seq_ = 1;
  std::string previous_hash_ = genesis_hash();
  merkle::CompactRange range_;
};

}  // namespace

VerifyReport verify(store::JournalStore& store, const std::array<unsigned char, 32>& public_key,
                    const JournalSettings&) {
  ensure_sodium();
  return Verifier(store, public_key).run();
}

}  // namespace relais::journal
