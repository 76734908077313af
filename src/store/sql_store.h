// The Store over a sql::Connection (internal; use open_store()).
#pragma once

#include <memory>

#include "store/sql_connection.h"
#include "store/store.h"

namespace relais::store {

// Migrates the database or checks that it is current (policy), then returns
// the store on it. Throws StoreError.
std::unique_ptr<Store> open_sql_store(std::unique_ptr<sql::Connection> connection, SchemaPolicy policy);

}  // namespace relais::store
