// /scopes, /scopes/all, /scopes/access, /prefix, /delegationsources over real HTTP
// (portal-api.md §5, §9 items 10–12).
#include "emulator_e2e.h"

namespace mpctl::testing {
namespace {

class EmulatorScopesTest : public EmulatorE2eTest {
 protected:
  // Token of skatt-admin, owner of the skatt:* scopes.
  std::string OwnerToken() {
    return admin_->Token(emu_->base_url(), AdminFixture::kAllAdminScopes,
                         AdminFixture::kOtherClientId);
  }
  static constexpr const char* kNewScope =
      R"({"prefix":"acme","subscope":"invoices/read","description":"Invoices"})";
};

TEST_F(EmulatorScopesTest, CreateComputesTheNameAndDefaults) {
  Start();
  Reply reply = Call("POST", "/api/v1/scopes", kNewScope);
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_STREQ(reply.json["name"].GetString(), "acme:invoices/read");
  EXPECT_STREQ(reply.json["visibility"].GetString(), "PUBLIC");
  EXPECT_STREQ(reply.json["token_type"].GetString(), "SELF_CONTAINED");
  EXPECT_STREQ(reply.json["owner_orgno"].GetString(), "310000108");
  EXPECT_TRUE(reply.json["active"].GetBool());
}

TEST_F(EmulatorScopesTest, DuplicateNameIs409EvenWhenInactive) {
  Start();
  ASSERT_EQ(Call("POST", "/api/v1/scopes", kNewScope).status, 200);
  EXPECT_EQ(Call("POST", "/api/v1/scopes", kNewScope).status, 409);
  ASSERT_EQ(Call("DELETE", "/api/v1/scopes?scope=acme%3Ainvoices%2Fread").status, 200);
  Reply reply = Call("POST", "/api/v1/scopes", kNewScope);
  EXPECT_EQ(reply.status, 409);
  EXPECT_NE(FirstError(reply).find("inactive"), std::string::npos);
}

TEST_F(EmulatorScopesTest, PrefixOfAnotherOrganisationIs403) {
  Start();
  Reply reply =
      Call("POST", "/api/v1/scopes", R"({"prefix":"skatt","subscope":"x","description":"d"})");
  EXPECT_EQ(reply.status, 403);
}

TEST_F(EmulatorScopesTest, MissingFieldsAre400) {
  Start();
  Reply reply = Call("POST", "/api/v1/scopes", R"({"prefix":"acme","visibility":"SECRET"})");
  EXPECT_EQ(reply.status, 400);
  EXPECT_GE(reply.json["errors"].Size(), 3u);
}

TEST_F(EmulatorScopesTest, ScopeNameWithSlashWorksUrlEncodedInTheQuery) {
  Start();
  ASSERT_EQ(Call("POST", "/api/v1/scopes", kNewScope).status, 200);
  Reply one = Call("GET", "/api/v1/scopes/scope?scope=acme%3Ainvoices%2Fread");
  ASSERT_EQ(one.status, 200) << one.body;
  EXPECT_STREQ(one.json["subscope"].GetString(), "invoices/read");
  EXPECT_EQ(Call("GET", "/api/v1/scopes/scope?scope=acme%3Anothing").status, 404);
  EXPECT_EQ(Call("GET", "/api/v1/scopes/scope").status, 400);
  EXPECT_EQ(Call("GET", "/api/v1/scopes/scope?scope=skatt%3Aprivate").status, 403);
}

TEST_F(EmulatorScopesTest, PutUpdatesButPrefixAndSubscopeAreImmutable) {
  Start();
  ASSERT_EQ(Call("POST", "/api/v1/scopes", kNewScope).status, 200);
  const std::string path = "/api/v1/scopes?scope=acme%3Ainvoices%2Fread";
  Reply updated = Call("PUT", path, R"({"description":"New text","visibility":"PRIVATE"})");
  ASSERT_EQ(updated.status, 200) << updated.body;
  EXPECT_STREQ(updated.json["description"].GetString(), "New text");
  EXPECT_STREQ(updated.json["visibility"].GetString(), "PRIVATE");
  Reply renamed = Call("PUT", path, R"({"subscope":"other"})");
  EXPECT_EQ(renamed.status, 400);
  EXPECT_STREQ(renamed.json["errors"][0]["fieldIdentifier"].GetString(), "subscope");
}

TEST_F(EmulatorScopesTest, DeleteDeactivatesAndPutReactivates) {
  Start();
  ASSERT_EQ(Call("POST", "/api/v1/scopes", kNewScope).status, 200);
  const std::string path = "/api/v1/scopes?scope=acme%3Ainvoices%2Fread";
  Reply deleted = Call("DELETE", path);
  ASSERT_EQ(deleted.status, 200);
  EXPECT_FALSE(deleted.json["active"].GetBool());
  EXPECT_EQ(Call("GET", "/api/v1/scopes").json.Size(), 0u);
  EXPECT_EQ(Call("GET", "/api/v1/scopes?inactive=true").json.Size(), 1u);
  Reply reactivated = Call("PUT", path, R"({"active":true})");
  EXPECT_TRUE(reactivated.json["active"].GetBool());
}

TEST_F(EmulatorScopesTest, PublicListingShowsOnlyPublicScopesWithFilters) {
  Start();
  Reply all = Call("GET", "/api/v1/scopes/all", "", "");
  ASSERT_EQ(all.status, 200);
  EXPECT_EQ(all.json.Size(), 3u);  // skatt:private is PRIVATE
  EXPECT_EQ(Call("GET", "/api/v1/scopes/all?accessible_for_all=true", "", "").json.Size(), 1u);
  EXPECT_EQ(Call("GET", "/api/v1/scopes/all?delegated_sources=true", "", "").json.Size(), 1u);
  EXPECT_EQ(Call("GET", "/api/v1/scopes/all?prefix=difi", "", "").json.Size(), 1u);
  EXPECT_EQ(Call("GET", "/api/v1/scopes/all?integration_type=MASKINPORTEN", "", "").json.Size(),
            3u);
  EXPECT_EQ(Call("GET", "/api/v1/scopes/all?integration_type=idporten", "", "").json.Size(), 0u);
}

TEST_F(EmulatorScopesTest, AccessGrantAndRevoke) {
  Start();
  ASSERT_EQ(Call("POST", "/api/v1/scopes", kNewScope).status, 200);
  const std::string grant = "/api/v1/scopes/access/974761076?scope=acme%3Ainvoices%2Fread";
  Reply granted = Call("PUT", grant);
  ASSERT_EQ(granted.status, 200) << granted.body;
  EXPECT_STREQ(granted.json["state"].GetString(), "APPROVED");
  EXPECT_STREQ(granted.json["consumer_organization_name"].GetString(), "Skatteetaten");
  EXPECT_STREQ(granted.json["owner_organization_name"].GetString(), "Acme AS");
  Reply by_scope = Call("GET", "/api/v1/scopes/access?scope=acme%3Ainvoices%2Fread");
  ASSERT_EQ(by_scope.json.Size(), 1u);
  Reply by_consumer = Call("GET", "/api/v1/scopes/access?consumer_orgno=974761076");
  ASSERT_EQ(by_consumer.json.Size(), 1u);
  Reply to_consumer = Call("GET", "/api/v1/scopes/access/all", "", OwnerToken());
  ASSERT_EQ(to_consumer.json.Size(), 1u);
  EXPECT_STREQ(to_consumer.json[0]["scope"].GetString(), "acme:invoices/read");
  Reply revoked = Call("DELETE", grant);
  ASSERT_EQ(revoked.status, 200);
  EXPECT_STREQ(revoked.json["state"].GetString(), "DENIED");
  EXPECT_STREQ(Call("PUT", grant).json["state"].GetString(), "APPROVED");
}

TEST_F(EmulatorScopesTest, AccessGrantToAnEightDigitOrgnoIs400) {
  Start();
  ASSERT_EQ(Call("POST", "/api/v1/scopes", kNewScope).status, 200);
  Reply reply = Call("PUT", "/api/v1/scopes/access/12345678?scope=acme%3Ainvoices%2Fread");
  EXPECT_EQ(reply.status, 400);
  EXPECT_STREQ(reply.json["errors"][0]["fieldIdentifier"].GetString(), "consumer_orgno");
  EXPECT_EQ(Call("PUT", "/api/v1/scopes/access/12345678a?scope=acme%3Ainvoices%2Fread").status,
            400);
}

TEST_F(EmulatorScopesTest, AccessOnAnotherOrganisationsScopeIs403) {
  Start();
  EXPECT_EQ(Call("PUT", "/api/v1/scopes/access/310000108?scope=skatt%3Aprivate").status, 403);
  EXPECT_EQ(Call("GET", "/api/v1/scopes/access?scope=skatt%3Aprivate").status, 403);
}

TEST_F(EmulatorScopesTest, AccessToTheCallerListsSeededGrants) {
  Start();
  Reply reply = Call("GET", "/api/v1/scopes/access/all");
  ASSERT_EQ(reply.status, 200);
  ASSERT_EQ(reply.json.Size(), 1u);
  EXPECT_STREQ(reply.json[0]["scope"].GetString(), "skatt:demo/read");
  EXPECT_STREQ(reply.json[0]["state"].GetString(), "APPROVED");
}

TEST_F(EmulatorScopesTest, ScopesReadIsNeededForAccessLists) {
  Start();
  std::string dcr = admin_->Token(emu_->base_url(), "idporten:dcr.read");
  EXPECT_EQ(Call("GET", "/api/v1/scopes/access/all", "", dcr).status, 403);
  std::string write = admin_->Token(emu_->base_url(), "idporten:scopes.write");
  EXPECT_EQ(Call("GET", "/api/v1/scopes", "", write).status, 200);  // read or write (S1)
  EXPECT_EQ(Call("GET", "/api/v1/scopes/access/all", "", write).status, 403);
}

TEST_F(EmulatorScopesTest, EmptyListsCanAnswerDoesNotHaveAny) {
  Start({"--empty-list-errors"});
  Reply reply = Call("GET", "/api/v1/scopes");
  EXPECT_EQ(reply.status, 404);
  EXPECT_NE(reply.json["error_description"].GetString(), std::string());
  EXPECT_NE(std::string(reply.json["error_description"].GetString()).find("does not have any"),
            std::string::npos);
}

TEST_F(EmulatorScopesTest, PrefixesDelegationSourcesAndOrganisations) {
  Start();
  Reply mine = Call("GET", "/api/v1/prefix");
  ASSERT_EQ(mine.status, 200);
  ASSERT_EQ(mine.json.Size(), 1u);
  EXPECT_STREQ(mine.json[0]["prefix"].GetString(), "acme");
  EXPECT_EQ(Call("GET", "/api/v1/prefix/all", "", "").json.Size(), 3u);
  Reply sources = Call("GET", "/api/v1/delegationsources", "", "");
  ASSERT_EQ(sources.json.Size(), 1u);
  EXPECT_STREQ(sources.json[0]["issuer"].GetString(), "https://tt02.altinn.no/");
  Reply org = Call("GET", "/api/v1/organizations/974761076", "", "");
  EXPECT_STREQ(org.json["name"].GetString(), "Skatteetaten");
  EXPECT_EQ(Call("GET", "/api/v1/organizations/999999999", "", "").status, 404);
}

}  // namespace
}  // namespace mpctl::testing
