// The SQLite migrations (store/schema.h).
#include "store/schema.h"

namespace relais::store::sql {
namespace {

// Append only. Version 1: places and import runs (the first release);
// version 2: communes and duplicate groups; version 3: error reports about
// places, sent by the public ("signaler une erreur"); version 4: territory
// indicators (a NULL value is a missing one); version 5: contours of
// territories, one set per level (geometry: maps/encoding.h); version 6:
// accounts and structures, sessions, one-time tokens, login throttling, the
// tamper-evident journal (append-only by trigger), team edits of places and
// replies to reports (issue 5, store/account_store.h, store/journal_store.h);
// version 7: a structure's contact; version 8: rate-limited events counted
// for every server sharing the database (AccountStore::admit_rate_event).
constexpr Migration kMigrations[] = {
    {1, R"sql(
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value INTEGER NOT NULL
);
INSERT INTO meta (key, value) VALUES ('change_counter', 0);
CREATE TABLE imports (
  id          INTEGER PRIMARY KEY,
  imported_at TEXT NOT NULL,
  source      TEXT NOT NULL,
  file_name   TEXT NOT NULL,
  sha256      TEXT NOT NULL,
  inserted    INTEGER NOT NULL DEFAULT 0,
  updated     INTEGER NOT NULL DEFAULT 0,
  unchanged   INTEGER NOT NULL DEFAULT 0,
  removed     INTEGER NOT NULL DEFAULT 0,
  report_json TEXT NOT NULL
);
CREATE INDEX imports_by_file ON imports (source, file_name, id);
CREATE TABLE places (
  source      TEXT NOT NULL,
  id          TEXT NOT NULL,
  file_name   TEXT NOT NULL,
  import_id   INTEGER NOT NULL REFERENCES imports (id),
  code_insee  TEXT,
  latitude    REAL,
  longitude   REAL,
  date_maj    TEXT NOT NULL,
  record_json TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  PRIMARY KEY (source, id)
);
CREATE INDEX places_by_file ON places (source, file_name);
CREATE INDEX places_by_code_insee ON places (code_insee);
)sql"},
    {2, R"sql(
CREATE TABLE communes (
  code_insee       TEXT PRIMARY KEY,
  nom              TEXT NOT NULL,
  code_departement TEXT NOT NULL,
  code_region      TEXT NOT NULL,
  code_epci        TEXT,
  population       INTEGER NOT NULL,
  latitude         REAL,
  longitude        REAL,
  commune_parente  TEXT,
  codes_postaux    TEXT NOT NULL,
  autres_noms      TEXT NOT NULL,
  anciens_codes    TEXT NOT NULL
);
CREATE TABLE duplicate_members (
  group_id TEXT NOT NULL,
  source   TEXT NOT NULL,
  place_id TEXT NOT NULL,
  PRIMARY KEY (source, place_id),
  FOREIGN KEY (source, place_id) REFERENCES places (source, id) ON DELETE CASCADE
);
CREATE INDEX duplicate_members_by_group ON duplicate_members (group_id);
)sql"},
    {3, R"sql(
CREATE TABLE place_reports (
  id          INTEGER PRIMARY KEY,
  received_at TEXT NOT NULL,
  place_ref   TEXT NOT NULL,
  categories  TEXT NOT NULL,
  message     TEXT NOT NULL,
  email       TEXT NOT NULL,
  status      TEXT NOT NULL DEFAULT 'nouveau'
);
CREATE INDEX place_reports_by_place ON place_reports (place_ref);
)sql"},
    {4, R"sql(
CREATE TABLE indicator_sets (
  id             INTEGER PRIMARY KEY,
  name           TEXT NOT NULL UNIQUE,
  source         TEXT NOT NULL,
  data_date      TEXT NOT NULL,
  level          TEXT NOT NULL,
  file_name      TEXT NOT NULL,
  content_sha256 TEXT NOT NULL,
  imported_at    TEXT NOT NULL,
  indicators     TEXT NOT NULL
);
CREATE TABLE indicator_values (
  set_id    INTEGER NOT NULL REFERENCES indicator_sets (id) ON DELETE CASCADE,
  indicator TEXT NOT NULL,
  code      TEXT NOT NULL,
  value     REAL,
  PRIMARY KEY (set_id, indicator, code)
) WITHOUT ROWID;
)sql"},
    {5, R"sql(
CREATE TABLE contour_sets (
  level          TEXT PRIMARY KEY,
  file_name      TEXT NOT NULL,
  content_sha256 TEXT NOT NULL,
  tolerance      REAL NOT NULL,
  imported_at    TEXT NOT NULL
);
CREATE TABLE contours (
  level    TEXT NOT NULL REFERENCES contour_sets (level) ON DELETE CASCADE,
  code     TEXT NOT NULL,
  name     TEXT NOT NULL,
  geometry BLOB NOT NULL,
  PRIMARY KEY (level, code)
);
)sql"},
    {6, R"sql(
CREATE TABLE structures (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL,
  siret       TEXT UNIQUE,
  type        TEXT NOT NULL,
  address     TEXT NOT NULL,
  code_postal TEXT NOT NULL,
  commune     TEXT NOT NULL,
  code_insee  TEXT NOT NULL,
  status      TEXT NOT NULL CHECK (status IN ('en_attente', 'validee', 'desactivee')),
  created_at  TEXT NOT NULL,
  validated_at TEXT,
  validated_by INTEGER
);
CREATE TABLE structure_places (
  structure_id INTEGER NOT NULL REFERENCES structures (id),
  source       TEXT NOT NULL,
  place_id     TEXT NOT NULL,
  PRIMARY KEY (source, place_id)
);
CREATE INDEX structure_places_by_structure ON structure_places (structure_id);
CREATE TABLE users (
  id                INTEGER PRIMARY KEY,
  email             TEXT NOT NULL UNIQUE COLLATE NOCASE,  -- found by lower(email) = lower(?)
  display_name      TEXT NOT NULL,
  password_hash     TEXT,
  totp_sealed_seed  BLOB,
  totp_enrolled_at  TEXT,
  totp_last_counter INTEGER,
  is_admin          INTEGER NOT NULL DEFAULT 0,
  status            TEXT NOT NULL CHECK (status IN ('invite', 'actif', 'desactive', 'supprime')),
  created_at        TEXT NOT NULL,
  last_login_at     TEXT,
  deleted_at        TEXT
);
CREATE TABLE memberships (
  user_id        INTEGER NOT NULL REFERENCES users (id),
  structure_id   INTEGER NOT NULL REFERENCES structures (id),
  role           TEXT NOT NULL CHECK (role IN ('mediateur', 'referent')),
  active         INTEGER NOT NULL DEFAULT 1,
  created_at     TEXT NOT NULL,
  deactivated_at TEXT,
  PRIMARY KEY (user_id, structure_id)
);
CREATE INDEX memberships_by_structure ON memberships (structure_id);
CREATE TABLE territory_roles (
  user_id INTEGER NOT NULL REFERENCES users (id),
  level   TEXT NOT NULL,
  code    TEXT NOT NULL,
  PRIMARY KEY (user_id, level, code)
);
CREATE TABLE recovery_codes (
  user_id   INTEGER NOT NULL REFERENCES users (id),
  code_hash TEXT NOT NULL,
  used_at   TEXT,
  PRIMARY KEY (user_id, code_hash)
);
CREATE TABLE sessions (
  id_hash            TEXT PRIMARY KEY,
  user_id            INTEGER NOT NULL REFERENCES users (id),
  stage              TEXT NOT NULL CHECK (stage IN ('premier_facteur', 'complete')),
  csrf_token         TEXT NOT NULL,
  created_at         TEXT NOT NULL,
  last_seen_at       TEXT NOT NULL,
  second_factor_at   TEXT,
  expires_at         TEXT NOT NULL,
  user_agent         TEXT NOT NULL,
  ip                 TEXT NOT NULL,
  revoked_at         TEXT
);
CREATE INDEX sessions_by_user ON sessions (user_id);
CREATE TABLE one_time_tokens (
  token_hash   TEXT PRIMARY KEY,
  purpose      TEXT NOT NULL CHECK (purpose IN ('invitation', 'lien_connexion')),
  email        TEXT NOT NULL COLLATE NOCASE,
  user_id      INTEGER REFERENCES users (id),
  structure_id INTEGER REFERENCES structures (id),
  role         TEXT,
  created_by   INTEGER REFERENCES users (id),
  created_at   TEXT NOT NULL,
  expires_at   TEXT NOT NULL,
  used_at      TEXT
);
CREATE TABLE login_throttle (
  key          TEXT PRIMARY KEY,
  failures     INTEGER NOT NULL,
  first_failure_at TEXT NOT NULL,
  last_failure_at  TEXT NOT NULL,
  blocked_until    TEXT
);
CREATE TABLE journal_entries (
  seq                 INTEGER PRIMARY KEY,
  recorded_at         TEXT NOT NULL,
  action              TEXT NOT NULL,
  actor_user_id       INTEGER,
  structure_id        INTEGER,
  object_type         TEXT NOT NULL,
  object_id           TEXT NOT NULL,
  details             TEXT NOT NULL,
  personal_commitment TEXT NOT NULL,
  prev_hash           TEXT NOT NULL,
  hash                TEXT NOT NULL
);
CREATE TRIGGER journal_entries_append_only_update BEFORE UPDATE ON journal_entries
BEGIN SELECT RAISE(ABORT, 'journal entries are append-only'); END;
CREATE TRIGGER journal_entries_append_only_delete BEFORE DELETE ON journal_entries
BEGIN SELECT RAISE(ABORT, 'journal entries are append-only'); END;
CREATE TABLE journal_personal (
  seq       INTEGER PRIMARY KEY REFERENCES journal_entries (seq),
  user_id   INTEGER,
  salt      TEXT,
  fields    TEXT,
  erased_at TEXT
);
CREATE INDEX journal_personal_by_user ON journal_personal (user_id);
CREATE TABLE journal_checkpoints (
  tree_size   INTEGER PRIMARY KEY,
  root_hash   TEXT NOT NULL,
  signed_note TEXT NOT NULL,
  created_at  TEXT NOT NULL
);
CREATE TRIGGER journal_checkpoints_append_only_update BEFORE UPDATE ON journal_checkpoints
BEGIN SELECT RAISE(ABORT, 'journal checkpoints are append-only'); END;
CREATE TRIGGER journal_checkpoints_append_only_delete BEFORE DELETE ON journal_checkpoints
BEGIN SELECT RAISE(ABORT, 'journal checkpoints are append-only'); END;
CREATE TABLE place_versions (
  id          INTEGER PRIMARY KEY,
  source      TEXT NOT NULL,
  place_id    TEXT NOT NULL,
  version     INTEGER NOT NULL,
  change      TEXT NOT NULL CHECK (change IN ('modification', 'confirmation')),
  record_json TEXT NOT NULL,
  user_id     INTEGER REFERENCES users (id),
  structure_id INTEGER REFERENCES structures (id),
  edited_at   TEXT NOT NULL,
  UNIQUE (source, place_id, version)
);
ALTER TABLE places ADD COLUMN confirmed_at TEXT;
ALTER TABLE places ADD COLUMN edited_by_team INTEGER NOT NULL DEFAULT 0;
ALTER TABLE place_reports ADD COLUMN handled_at TEXT;
CREATE TABLE report_replies (
  id         INTEGER PRIMARY KEY,
  report_id  INTEGER NOT NULL REFERENCES place_reports (id),
  user_id    INTEGER REFERENCES users (id),
  replied_at TEXT NOT NULL,
  message    TEXT NOT NULL,
  emailed    INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE place_reminders (
  source   TEXT NOT NULL,
  place_id TEXT NOT NULL,
  sent_at  TEXT NOT NULL,
  PRIMARY KEY (source, place_id, sent_at)
);
)sql"},
    {7, R"sql(
ALTER TABLE structures ADD COLUMN contact_name TEXT;
ALTER TABLE structures ADD COLUMN contact_email TEXT;
)sql"},
    {8, R"sql(
CREATE TABLE rate_events (
  scope TEXT NOT NULL,
  key   TEXT NOT NULL,
  at_ms INTEGER NOT NULL
);
CREATE INDEX rate_events_by_time ON rate_events (scope, at_ms);
)sql"},
};

}  // namespace

std::span<const Migration> sqlite_migrations() { return kMigrations; }

}  // namespace relais::store::sql
