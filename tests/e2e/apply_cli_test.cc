// mpctl apply against the emulator: exact writes, convergence, saved plans, refusals.
#include <gmock/gmock.h>

#include <chrono>

#include "mpctl_e2e.h"

namespace mpctl::testing {
namespace {

using ::testing::HasSubstr;

class ApplyCliTest : public MpctlE2eTest {
 protected:
  // Applies with --auto-approve and expects success.
  void ApplyOk(std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"apply", "--auto-approve"};
    args.insert(args.end(), extra.begin(), extra.end());
    MpctlRun run = Mpctl(args);
    ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  }

  // Sets the emulator's clock to the real time plus `offset` seconds (grants allow ±10 s).
  void ShiftEmulatorClock(std::int64_t offset) {
    std::int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                           std::chrono::system_clock::now().time_since_epoch())
                           .count();
    httplib::Client http(emu_->base_url());
    auto result = http.Post("/__emulator/clock", "{\"now\":" + std::to_string(now + offset) + "}",
                            "application/json");
    ASSERT_TRUE(result && result->status == 200);
  }

  // PUTs a new client_name on `client` directly, as someone in the portal's web UI would.
  void EditByHand(const ListedClient& client, const std::string& name) {
    std::string body =
        R"({"integration_type":"maskinporten","application_type":"web","client_name":")" + name +
        R"(","description":")" + client.description +
        R"(","token_endpoint_auth_method":"private_key_jwt",)"
        R"("grant_types":["urn:ietf:params:oauth:grant-type:jwt-bearer"],"scopes":[")" +
        kScope + R"("]})";
    httplib::Client http(emu_->base_url());
    auto result = http.Put(("/api/v1/clients/" + client.client_id).c_str(),
                           {{"Authorization", "Bearer " + Token()}}, body, "application/json");
    ASSERT_TRUE(result && result->status == 200) << (result ? result->body : "no answer");
  }
};

TEST_F(ApplyCliTest, WithoutATerminalApplyRefusesUnlessAutoApproved) {
  StartEmulator();
  WriteManifest(Entries(2));
  MpctlRun run = Mpctl({"apply"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_THAT(run.out, HasSubstr("+ client.c00 will be created"));
  EXPECT_THAT(run.err, HasSubstr("not applying without confirmation: stdin is not a terminal"));
  EXPECT_EQ(emu_->Stats().writes, 0);
}

TEST_F(ApplyCliTest, ApplyConvergesAndASecondApplyWritesNothing) {
  StartEmulator();
  auto entries = Entries(5);
  WriteManifest(entries);
  MpctlRun first = Mpctl({"apply", "--auto-approve"});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_THAT(first.out, HasSubstr("Apply complete: 10 changes made."));
  EXPECT_THAT(first.err, HasSubstr("[10/10] test: "));
  EXPECT_EQ(emu_->Stats().writes, 10);
  EXPECT_EQ(emu_->Stats().Requests("POST /api/v1/clients"), 5);
  EXPECT_EQ(emu_->Stats().Requests("POST /api/v1/clients/{id}/jwks"), 5);
  ExpectConverged(entries);

  EXPECT_EQ(Mpctl({"plan", "--detailed-exitcode"}).exit_code, 0);
  MpctlRun second = Mpctl({"apply", "--auto-approve"});
  EXPECT_EQ(second.exit_code, 0) << second.err;
  EXPECT_THAT(second.out, HasSubstr("No changes."));
  EXPECT_EQ(emu_->Stats().writes, 10);
}

// --parallelism bounds the requests the server sees at once, although the applier runs more
// actions than that (creates wait for shared lists on threads of their own).
TEST_F(ApplyCliTest, ParallelismBoundsTheRequestsInFlight) {
  StartEmulator({"--latency", "10"});
  auto entries = Entries(40);
  WriteManifest(entries);
  MpctlRun run = Mpctl({"apply", "--auto-approve", "--parallelism", "3"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  ExpectConverged(entries);
  EXPECT_LE(emu_->Stats().max_in_flight, 3);
  EXPECT_GE(emu_->Stats().max_in_flight, 2) << "the requests went one at a time";
}

TEST_F(ApplyCliTest, OneChangedFieldAmongFiftyClientsIsOnePut) {
  StartEmulator();
  auto entries = Entries(50);
  WriteManifest(entries);
  ApplyOk();
  auto before = emu_->Stats();
  entries[17].display_name = "Renamed client";
  WriteManifest(entries);
  ApplyOk();
  auto after = emu_->Stats();
  EXPECT_EQ(after.writes - before.writes, 1);
  EXPECT_EQ(
      after.Requests("PUT /api/v1/clients/{id}") - before.Requests("PUT /api/v1/clients/{id}"), 1);
  EXPECT_EQ(ClientOf("c17")->client_name, "Renamed client");
}

TEST_F(ApplyCliTest, AddedKeyIsOneJwksPostAndRegisteredKeysKeepTheirExp) {
  StartEmulator();
  auto entries = Entries(3);
  WriteManifest(entries);
  ShiftEmulatorClock(-8);
  ApplyOk();
  std::string id = ClientOf("c01")->client_id;
  auto keys_before = Keys(id);
  ASSERT_EQ(keys_before.size(), 1u);

  ShiftEmulatorClock(+8);  // a re-registered key would now get an exp 16 s later
  auto before = emu_->Stats();
  entries[1].kids.push_back("c01-key-2");
  WriteManifest(entries);
  ApplyOk();
  auto after = emu_->Stats();
  EXPECT_EQ(after.writes - before.writes, 1);
  EXPECT_EQ(after.Requests("POST /api/v1/clients/{id}/jwks") -
                before.Requests("POST /api/v1/clients/{id}/jwks"),
            1);
  auto keys_after = Keys(id);
  ASSERT_EQ(keys_after.size(), 2u);
  for (const auto& key : keys_after) {
    if (key.kid == "c01-key-1") {
      EXPECT_EQ(key.exp, keys_before[0].exp);
    } else {
      EXPECT_GE(key.exp, keys_before[0].exp + 10) << key.kid;
    }
  }
}

TEST_F(ApplyCliTest, WritesMatchThePlansActionCounts) {
  StartEmulator();
  auto entries = Entries(4);
  WriteManifest(entries);
  ApplyOk();
  entries[0].display_name = "Renamed";                    // 1 update
  entries[1].kids.push_back("c01-key-2");                 // 1 key set
  entries.erase(entries.begin() + 3);                     // 1 delete (with --prune)
  entries.push_back({"new-one", "New one", {"n1-key"}});  // 2 creates
  entries.push_back({"new-two", "New two", {}});          // 1 create
  WriteManifest(entries);
  MpctlRun plan = Mpctl({"plan", "--prune", "--format", "json"});
  ASSERT_EQ(plan.exit_code, 0) << plan.err;
  rapidjson::Document doc;
  doc.Parse(plan.out.c_str());
  const auto& summary = doc["environments"][0]["summary"];
  int planned =
      summary["create"].GetInt() + summary["update"].GetInt() + summary["delete"].GetInt();
  EXPECT_EQ(planned, 6);
  EXPECT_EQ(doc["environments"][0]["actions"].Size(), 6u);

  auto before = emu_->Stats();
  ApplyOk({"--prune"});
  EXPECT_EQ(emu_->Stats().writes - before.writes, planned);
  ExpectConverged(entries);
}

TEST_F(ApplyCliTest, StaleSavedPlanIsRefusedAndAFreshOneApplies) {
  StartEmulator();
  auto entries = Entries(2);
  WriteManifest(entries);
  ApplyOk();
  entries[0].display_name = "Renamed";
  WriteManifest(entries);
  ASSERT_EQ(Mpctl({"plan", "--out", "plan.json"}).exit_code, 0);

  // Someone edits a managed client in the portal: the plan no longer describes the world.
  EditByHand(*ClientOf("c01"), "Edited by hand");
  auto before = emu_->Stats();
  MpctlRun stale = Mpctl({"apply", "plan.json"});
  EXPECT_EQ(stale.exit_code, 1);
  EXPECT_THAT(stale.err, HasSubstr("the saved plan 'plan.json' is stale: the live state of "
                                   "environment 'test' has changed since the plan was made"));
  EXPECT_EQ(emu_->Stats().writes, before.writes);

  // A manifest edit after planning makes it stale too.
  ASSERT_EQ(Mpctl({"plan", "--out", "plan.json"}).exit_code, 0);
  Write("mpctl.yaml", Read("mpctl.yaml") + "# edited\n");
  MpctlRun edited = Mpctl({"apply", "plan.json"});
  EXPECT_EQ(edited.exit_code, 1);
  EXPECT_THAT(edited.err, HasSubstr("the manifest 'mpctl.yaml' has changed"));
  EXPECT_EQ(emu_->Stats().writes, before.writes);

  ASSERT_EQ(Mpctl({"plan", "--out", "plan.json"}).exit_code, 0);
  MpctlRun fresh = Mpctl({"apply", "plan.json"});
  EXPECT_EQ(fresh.exit_code, 0) << fresh.err;
  EXPECT_EQ(emu_->Stats().writes - before.writes, 2);  // c00 renamed, c01's hand edit undone
  EXPECT_EQ(ClientOf("c00")->client_name, "Renamed");
  EXPECT_EQ(ClientOf("c01")->client_name, "Client c01");
  EXPECT_EQ(Mpctl({"plan", "--detailed-exitcode"}).exit_code, 0);
}

TEST_F(ApplyCliTest, FailedChangeStopsWhatDependsOnItAndIsReported) {
  StartEmulator();
  // Prefix 'difi' belongs to another organisation: the scope's POST is refused (403).
  Write("mpctl.yaml",
        AdminFixture::ManifestHead(emu_->base_url(), "key_env: MPCTL_E2E_ADMIN_KEY") +
            "scopes:\n"
            "  \"difi:not-ours\": {description: Not ours, consumers: [\"974761076\"]}\n"
            "clients:\n"
            "  c00: {scopes: [skatt:demo/read]}\n");
  MpctlRun run = Mpctl({"apply", "--auto-approve"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_THAT(run.err, HasSubstr("Apply failed: 1 done, 1 failed, 1 not attempted."));
  EXPECT_THAT(run.err, HasSubstr("  failed: test: scope.difi:not-ours: POST /api/v1/scopes: "
                                 "HTTP 403 (correlation_id "));
  EXPECT_THAT(run.err, HasSubstr("  not attempted: test: scope.difi:not-ours.access.974761076 "
                                 "(needs scope.difi:not-ours, which failed)"));
  EXPECT_THAT(run.err, HasSubstr("mpctl: error: apply did not finish"));
  EXPECT_EQ(emu_->Stats().writes, 1);  // the independent client was still created
  EXPECT_TRUE(ClientOf("c00"));
}

TEST_F(ApplyCliTest, SavedPlanRefusesManifestFlags) {
  StartEmulator();
  WriteManifest(Entries(1));
  ASSERT_EQ(Mpctl({"plan", "--out", "plan.json"}).exit_code, 0);
  MpctlRun run = Mpctl({"apply", "plan.json", "-e", "test"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_THAT(run.err, HasSubstr("a saved plan fixes the manifest"));
  EXPECT_EQ(emu_->Stats().writes, 0);
}

}  // namespace
}  // namespace mpctl::testing
