#include "auth/admin_scopes.h"

#include <gtest/gtest.h>

namespace mpctl::auth {
namespace {

using Scopes = std::vector<std::string>;

TEST(AdminScopesTest, ReadingAsksOnlyForReadScopes) {
  EXPECT_EQ(AdminScopes({}), (Scopes{"idporten:dcr.read"}));
  EXPECT_EQ(AdminScopes({.read_scopes = true}),
            (Scopes{"idporten:dcr.read", "idporten:scopes.read"}));
}

TEST(AdminScopesTest, WritingAddsOnlyTheWriteScopesNeeded) {
  EXPECT_EQ(AdminScopes({.write_clients = true}),
            (Scopes{"idporten:dcr.read", "idporten:dcr.write"}));
  EXPECT_EQ(AdminScopes({.write_clients = true, .read_scopes = true}),
            (Scopes{"idporten:dcr.read", "idporten:dcr.write", "idporten:scopes.read"}));
  EXPECT_EQ(AdminScopes({.write_scopes = true}),
            (Scopes{"idporten:dcr.read", "idporten:scopes.read", "idporten:scopes.write"}));
}

}  // namespace
}  // namespace mpctl::auth
