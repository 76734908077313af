// The store's parts over a sql::Connection (internal to the store module):
// each works on the connection of the Store that owns it, so it follows the
// same one-thread-at-a-time rule and sees the same database.
#pragma once

#include <memory>

#include "store/account_store.h"
#include "store/change_listener.h"
#include "store/journal_store.h"
#include "store/place_edit_store.h"
#include "store/sql_connection.h"

namespace relais::store::sql {

std::unique_ptr<AccountStore> make_account_store(Connection& db);      // sql_account_store.cpp
std::unique_ptr<JournalStore> make_journal_store(Connection& db);      // sql_journal_store.cpp
std::unique_ptr<PlaceEditStore> make_place_edit_store(Connection& db);  // sql_place_edit_store.cpp
std::unique_ptr<ChangeListener> open_postgresql_change_listener(const std::string& url);  // postgresql_change_listener.cpp

// Moves Store::change_counter() by one inside the caller's write transaction
// and, on PostgreSQL, NOTIFYs listeners of the new value at its commit
// (change_listener.h). sql_store.cpp.
void bump_change_counter(Connection& db);

}  // namespace relais::store::sql
