// /api/v1/clients over real HTTP (portal-api.md §3, §9 items 5–7, 9, 13).
#include "emulator_e2e.h"

namespace mpctl::testing {
namespace {

using EmulatorClientsTest = EmulatorE2eTest;

TEST_F(EmulatorClientsTest, NoTokenIs401) {
  Start();
  Reply reply = Call("GET", "/api/v1/clients", "", "");
  EXPECT_EQ(reply.status, 401);
  EXPECT_EQ(reply.json["status"].GetInt(), 401);
}

TEST_F(EmulatorClientsTest, InvalidTokenIs401) {
  Start();
  EXPECT_EQ(Call("GET", "/api/v1/clients", "", "not-a-token").status, 401);
  std::string tampered = token_;
  tampered[tampered.size() - 5] = tampered[tampered.size() - 5] == 'A' ? 'B' : 'A';
  EXPECT_EQ(Call("GET", "/api/v1/clients", "", tampered).status, 401);
}

TEST_F(EmulatorClientsTest, MissingAdminScopeIs403) {
  Start();
  std::string read_only = admin_->Token(emu_->base_url(), "idporten:dcr.read");
  Reply reply = Call("POST", "/api/v1/clients", ClientBody("x"), read_only);
  EXPECT_EQ(reply.status, 403);
  EXPECT_NE(FirstError(reply).find("idporten:dcr.write"), std::string::npos) << reply.body;
  std::string write_only = admin_->Token(emu_->base_url(), "idporten:dcr.write");
  EXPECT_EQ(Call("GET", "/api/v1/clients", "", write_only).status, 403);
}

TEST_F(EmulatorClientsTest, WriteImpliesReadWhenSwitchedOn) {
  Start({"--write-implies-read"});
  std::string write_only = admin_->Token(emu_->base_url(), "idporten:dcr.write");
  EXPECT_EQ(Call("GET", "/api/v1/clients", "", write_only).status, 200);
}

TEST_F(EmulatorClientsTest, CreateSetsServerFieldsAndListShowsIt) {
  Start();
  Reply created = Call("POST", "/api/v1/clients", ClientBody("batch"));
  ASSERT_EQ(created.status, 200) << created.body;
  std::string id = created.json["client_id"].GetString();
  EXPECT_EQ(id.size(), 36u);
  EXPECT_EQ(id[14], '4');  // UUIDv4
  EXPECT_STREQ(created.json["client_orgno"].GetString(), "310000108");
  EXPECT_TRUE(created.json["active"].GetBool());
  EXPECT_EQ(created.json["access_token_lifetime"].GetInt(), 120);
  std::string created_at = created.json["created"].GetString();
  EXPECT_EQ(created_at.size(), 29u) << created_at;  // 2026-11-25T14:00:00.000+00:00
  EXPECT_EQ(created_at[19], '.');  // milliseconds, as the real API writes them
  EXPECT_EQ(created_at.substr(23), "+00:00");

  Reply list = Call("GET", "/api/v1/clients");
  ASSERT_EQ(list.status, 200);
  ASSERT_EQ(list.json.Size(), 1u);
  EXPECT_EQ(list.json[0]["client_id"].GetString(), id);
  Reply one = Call("GET", "/api/v1/clients/" + id);
  EXPECT_EQ(one.status, 200);
  EXPECT_STREQ(one.json["client_name"].GetString(), "batch");
  EXPECT_EQ(emu_->Stats().writes, 1);
  EXPECT_EQ(emu_->Stats().Requests("GET /api/v1/clients/{id}"), 1);
}

TEST_F(EmulatorClientsTest, GivenClientIdIsKeptAndADuplicateIs409) {
  Start();
  std::string body = ClientBody("a");
  body.insert(1, R"("client_id":"my-own-id",)");
  Reply first = Call("POST", "/api/v1/clients", body);
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_STREQ(first.json["client_id"].GetString(), "my-own-id");
  Reply second = Call("POST", "/api/v1/clients", body);
  EXPECT_EQ(second.status, 409);
}

TEST_F(EmulatorClientsTest, ObservedProfileAnswers201And204) {
  Start({"--status-profile", "observed"});
  Reply created = Call("POST", "/api/v1/clients", ClientBody("a"));
  ASSERT_EQ(created.status, 201) << created.body;
  std::string id = created.json["client_id"].GetString();
  Reply deleted = Call("DELETE", "/api/v1/clients/" + id);
  EXPECT_EQ(deleted.status, 204);
  EXPECT_TRUE(deleted.body.empty());
}

TEST_F(EmulatorClientsTest, SpecProfileAnswers200OnDeleteWithoutBody) {
  Start();
  std::string id = CreateClient("a");
  Reply deleted = Call("DELETE", "/api/v1/clients/" + id);
  EXPECT_EQ(deleted.status, 200);
  EXPECT_TRUE(deleted.body.empty());
}

TEST_F(EmulatorClientsTest, SoftDeleteHidesTheClientFromTheList) {
  Start();
  std::string keep = CreateClient("keep");
  std::string gone = CreateClient("gone");
  ASSERT_EQ(Call("DELETE", "/api/v1/clients/" + gone).status, 200);
  Reply list = Call("GET", "/api/v1/clients");
  ASSERT_EQ(list.json.Size(), 1u);
  EXPECT_EQ(list.json[0]["client_id"].GetString(), keep);
  EXPECT_EQ(Call("GET", "/api/v1/clients/" + gone).status, 404);
  Reply with_inactive = Call("GET", "/api/v1/clients?inactive=true");
  ASSERT_EQ(with_inactive.json.Size(), 2u);
  EXPECT_FALSE(with_inactive.json[1]["active"].GetBool());
}

TEST_F(EmulatorClientsTest, DeletedClientsCanBeVisible) {
  Start({"--deleted-clients", "visible"});
  std::string id = CreateClient("a");
  ASSERT_EQ(Call("DELETE", "/api/v1/clients/" + id).status, 200);
  Reply one = Call("GET", "/api/v1/clients/" + id);
  ASSERT_EQ(one.status, 200);
  EXPECT_FALSE(one.json["active"].GetBool());
}

TEST_F(EmulatorClientsTest, UnknownClientIs404AndAnotherOrgsIs403) {
  Start();
  EXPECT_EQ(Call("GET", "/api/v1/clients/no-such-client").status, 404);
  std::string id = CreateClient("mine");
  std::string other = admin_->Token(emu_->base_url(), AdminFixture::kAllAdminScopes,
                                    AdminFixture::kOtherClientId);
  EXPECT_EQ(Call("GET", "/api/v1/clients/" + id, "", other).status, 403);
  EXPECT_EQ(Call("PUT", "/api/v1/clients/" + id, ClientBody("x"), other).status, 403);
  EXPECT_EQ(Call("DELETE", "/api/v1/clients/" + id, "", other).status, 403);
  EXPECT_EQ(Call("GET", "/api/v1/clients", "", other).json.Size(), 0u);
}

TEST_F(EmulatorClientsTest, PutReplacesScopesAndKeepsOmittedFields) {
  Start();
  std::string id = CreateClient("a");
  Reply updated = Call("PUT", "/api/v1/clients/" + id,
                       R"({"scopes":["skatt:demo/read","difi:open"],"created":"ignored","x":1})");
  ASSERT_EQ(updated.status, 200) << updated.body;
  EXPECT_EQ(updated.json["scopes"].Size(), 2u);
  EXPECT_STREQ(updated.json["client_name"].GetString(), "a");
}

TEST_F(EmulatorClientsTest, PutWithResetClearsOmittedFields) {
  Start({"--put-omitted", "reset"});
  std::string id = CreateClient("a");
  Reply updated = Call("PUT", "/api/v1/clients/" + id, R"({"scopes":["difi:open"]})");
  EXPECT_EQ(updated.status, 400);  // client_name and the Maskinporten fields are gone
  EXPECT_NE(updated.body.find("client_name must not be empty"), std::string::npos);
}

TEST_F(EmulatorClientsTest, IntegrationTypeChangeIs400) {
  Start();
  std::string id = CreateClient("a");
  Reply reply = Call("PUT", "/api/v1/clients/" + id, R"({"integration_type":"idporten"})");
  EXPECT_EQ(reply.status, 400);
  EXPECT_STREQ(reply.json["errors"][0]["fieldIdentifier"].GetString(), "integration_type");
  EXPECT_TRUE(reply.json["errors"][0]["isFieldError"].GetBool());
  EXPECT_STREQ(reply.json["errors"][0]["objectName"].GetString(), "Client");
}

TEST_F(EmulatorClientsTest, ValidationErrorsUseTheApiErrorShape) {
  Start();
  Reply reply = Call("POST", "/api/v1/clients",
                     R"({"integration_type":"maskinporten","application_type":"native",)"
                     R"("client_name":"a","description":"b","scopes":[],)"
                     R"("token_endpoint_auth_method":"private_key_jwt",)"
                     R"("grant_types":["urn:ietf:params:oauth:grant-type:jwt-bearer"]})");
  ASSERT_EQ(reply.status, 400) << reply.body;
  EXPECT_EQ(reply.json["status"].GetInt(), 400);
  EXPECT_EQ(std::string(reply.json["correlation_id"].GetString()).size(), 32u);
  ASSERT_EQ(reply.json["errors"].Size(), 2u);
  std::string joined = ", " + std::string(reply.json["errors"][0]["errorMessage"].GetString()) +
                       ", " + reply.json["errors"][1]["errorMessage"].GetString();
  EXPECT_EQ(reply.json["error"].GetString(), joined);
  EXPECT_EQ(reply.json["error_description"].GetString(), joined);
  std::string timestamp = reply.json["timestamp"].GetString();
  EXPECT_EQ(timestamp.substr(19), ".000000000Z");
}

TEST_F(EmulatorClientsTest, ScopeWithoutAccessIs400) {
  Start();
  Reply reply = Call("POST", "/api/v1/clients", ClientBody("a", R"(["skatt:private"])"));
  EXPECT_EQ(reply.status, 400);
  EXPECT_NE(FirstError(reply).find("has not been granted access to the scope 'skatt:private'"),
            std::string::npos)
      << reply.body;
  EXPECT_EQ(Call("POST", "/api/v1/clients", ClientBody("b", R"(["nope:x"])")).status, 400);
  EXPECT_EQ(Call("POST", "/api/v1/clients", ClientBody("c", R"(["difi:open"])")).status, 200);
  EXPECT_EQ(Call("POST", "/api/v1/clients", ClientBody("d", R"(["skatt:delegated"])")).status,
            200);
}

TEST_F(EmulatorClientsTest, StrictValidationNeedsTheMaskinportenFields) {
  Start();
  std::string minimal = R"({"integration_type":"maskinporten","client_name":"a",)"
                        R"("description":"b","scopes":["difi:open"]})";
  Reply strict = Call("POST", "/api/v1/clients", minimal);
  EXPECT_EQ(strict.status, 400);
  EXPECT_EQ(Call("POST", "/api/v1/clients", "[1]").status, 400);
  EXPECT_EQ(Call("POST", "/api/v1/clients", "{bad json").status, 400);
}

TEST_F(EmulatorClientsTest, LenientValidationFillsTheMaskinportenFields) {
  Start({"--validation", "lenient"});
  Reply reply = Call("POST", "/api/v1/clients",
                     R"({"integration_type":"maskinporten","scopes":["difi:open"]})");
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_STREQ(reply.json["application_type"].GetString(), "web");
  EXPECT_STREQ(reply.json["token_endpoint_auth_method"].GetString(), "private_key_jwt");
}

TEST_F(EmulatorClientsTest, ClientOrgnoOfAnotherOrganisationIs403) {
  Start();
  std::string body = ClientBody("a");
  body.insert(1, R"("client_orgno":"974761076",)");
  EXPECT_EQ(Call("POST", "/api/v1/clients", body).status, 403);
}

TEST_F(EmulatorClientsTest, UnknownPathIs404AndWrongMethodIs405) {
  Start();
  EXPECT_EQ(Call("GET", "/api/v1/nothing").status, 404);
  EXPECT_EQ(Call("PUT", "/api/v1/clients").status, 405);
}

}  // namespace
}  // namespace mpctl::testing
