// The SQLite implementations of the store's parts (internal to the store
// module): each works on the connection of the SqliteStore that owns it, so
// it follows the same one-thread-at-a-time rule and sees the same database.
#pragma once

#include <SQLiteCpp/Database.h>

#include <memory>

#include "store/account_store.h"
#include "store/journal_store.h"
#include "store/place_edit_store.h"

namespace relais::store::sqlite {

std::unique_ptr<AccountStore> make_account_store(SQLite::Database& db);      // sqlite_account_store.cpp
std::unique_ptr<JournalStore> make_journal_store(SQLite::Database& db);      // sqlite_journal_store.cpp
std::unique_ptr<PlaceEditStore> make_place_edit_store(SQLite::Database& db);  // sqlite_place_edit_store.cpp

}  // namespace relais::store::sqlite
