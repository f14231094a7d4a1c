// The guards of issue 12 against the emulator (and, for waiting, against servers that stall or
// ask for a long Retry-After): prevent_destroy over the whole manifest, revoked consumers,
// the key-rotation warning, saved plans, the acting organisation, durations with a unit and
// visible, bounded waiting. Each test failed on the code before its fix (run them against
// another build with MPCTL_E2E_MPCTL=/path/to/mpctl).
#include <arpa/inet.h>
#include <gmock/gmock.h>
#include <netinet/in.h>
#include <poll.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <regex>
#include <span>
#include <thread>

#include "mpctl_e2e.h"
#include "support/plan_schema.h"

namespace mpctl::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class GuardsE2eTest : public MpctlE2eTest {
 protected:
  /// Each command line of `cases` exits 1 with its message, before any token is asked for.
  void ExpectRefusedBeforeAnyRequest(
      std::span<const std::pair<std::vector<std::string>, std::string>> cases) {
    for (const auto& [args, message] : cases) {
      MpctlRun run = Mpctl(args);
      EXPECT_EQ(run.exit_code, 1) << args[1];
      EXPECT_THAT(run.err, HasSubstr(message));
    }
    EXPECT_EQ(emu_->Stats().tokens_issued, 0);
  }

  /// The manifest head: `test` as 310000108 (acme-admin) and, with `with_prod`, `prod` as
  /// 974761076 (skatt-admin, same key).
  std::string Head(bool with_prod = false, const std::string& test_org = AdminFixture::kOrgno) {
    std::string head = AdminFixture::ManifestHead(emu_->base_url(), "key_env: MPCTL_E2E_ADMIN_KEY");
    head.replace(head.find(AdminFixture::kOrgno), 9, test_org);
    if (with_prod) {
      head += "  prod:\n    organization: \"974761076\"\n    api_url: " + emu_->base_url() +
              "/api/v1\n    auth_server: " + emu_->base_url() +
              "/\n    admin_client: {client_id: skatt-admin, key_env: MPCTL_E2E_ADMIN_KEY, "
              "kid: skatt-admin-key}\n";
    }
    return head;
  }

  /// Runs mpctl in `dir` (relative to dir_, "" for dir_ itself).
  MpctlRun MpctlIn(const std::string& dir, std::vector<std::string> args) {
    return RunMpctl({std::move(args),
                     dir.empty() ? dir_ : dir_ + "/" + dir,
                     {"MPCTL_E2E_ADMIN_KEY=" + admin_pem_},
                     nullptr,
                     ""});
  }
};

// 1. `-e prod` once lifted the protection an entry has in the manifest: the plan for prod
// knew only prod's entries, so a protected client deployed to test only was pruned in prod.
TEST_F(GuardsE2eTest, PreventDestroyHoldsWhateverEnvironmentsAreSelected) {
  StartEmulator();
  const std::string entry =
      "clients:\n  keep:\n    display_name: Keep\n    scopes: [skatt:demo/read]\n"
      "    lifecycle: {prevent_destroy: true}\n";
  Write("mpctl.yaml", Head(true) + entry);
  MpctlRun first = Mpctl({"apply", "--auto-approve"});
  ASSERT_EQ(first.exit_code, 0) << first.err;

  // The entry now goes to test only; prod still has the client tagged by the earlier deploy.
  Write("mpctl.yaml", Head(true) + entry + "    environments: [test]\n");
  const int writes = emu_->Stats().writes;
  MpctlRun apply = Mpctl({"apply", "-e", "prod", "--prune", "--auto-approve"});
  EXPECT_EQ(apply.exit_code, 1) << apply.out << apply.err;
  EXPECT_THAT(apply.out, HasSubstr("prevent_destroy is set for 'keep', but --prune would delete"));
  EXPECT_THAT(apply.err, Not(HasSubstr("deleted")));
  EXPECT_EQ(emu_->Stats().writes, writes);

  // Without -e the plan fails the same way (it always did).
  MpctlRun plan = Mpctl({"plan", "--prune"});
  EXPECT_EQ(plan.exit_code, 1);
  EXPECT_THAT(plan.out, HasSubstr("prevent_destroy is set for 'keep'"));
}

// 2. A consumer taken out of `consumers:` was "No changes." and kept its access.
TEST_F(GuardsE2eTest, ConsumerTakenOutOfTheManifestIsRevokedWithoutPrune) {
  StartEmulator();
  const std::string scope =
      "scopes:\n  \"acme:invoices\":\n    description: Invoices\n    consumers: [";
  Write("mpctl.yaml", Head() + scope + "\"974761076\", \"991825827\"]\n");
  MpctlRun first = Mpctl({"apply", "--auto-approve"});
  ASSERT_EQ(first.exit_code, 0) << first.err;

  Write("mpctl.yaml", Head() + scope + "\"974761076\"]\n");
  MpctlRun plan = Mpctl({"plan", "--detailed-exitcode"});
  EXPECT_EQ(plan.exit_code, 2) << plan.out << plan.err;
  EXPECT_THAT(plan.out, HasSubstr("- scope.acme:invoices.access.991825827 will be revoked\n"
                                  "    DESTROY access of consumer '991825827' to scope "
                                  "'acme:invoices'\n"));
  EXPECT_THAT(plan.out, HasSubstr("0 to create, 0 to update, 1 to delete"));
  MpctlRun markdown = Mpctl({"plan", "--format", "markdown"});
  EXPECT_THAT(markdown.out,
              HasSubstr("> [!CAUTION]\n> This plan **deletes or revokes 1 resource**:\n"
                        "> - `scope.acme:invoices.access.991825827` in test: access of consumer "
                        "`991825827` **revoked**\n"));
  MpctlRun check = Mpctl({"check"});
  EXPECT_EQ(check.exit_code, 2) << check.out << check.err;
  EXPECT_THAT(check.out, HasSubstr("1 change pending"));

  MpctlRun apply = Mpctl({"apply", "--auto-approve"});  // no --prune
  EXPECT_EQ(apply.exit_code, 0) << apply.out << apply.err;
  EXPECT_THAT(apply.err, HasSubstr("scope.acme:invoices.access.991825827 revoked"));
  rapidjson::Document grants = Get("/api/v1/scopes/access?scope=acme%3Ainvoices");
  for (const auto& g : grants.GetArray()) {
    if (std::string(g["consumer_orgno"].GetString()) == "991825827") {
      EXPECT_STRNE(g["state"].GetString(), "APPROVED");
    }
  }
  MpctlRun after = Mpctl({"plan", "--detailed-exitcode"});
  EXPECT_EQ(after.exit_code, 0) << after.out;
  EXPECT_THAT(after.out, HasSubstr("No changes."));
}

// 3. Removing the old key right after the new one was registered gave no warning.
TEST_F(GuardsE2eTest, RemovingTheOldKeyRightAfterTheNewOneWarns) {
  StartEmulator();
  Write("keys/new.pub.pem", SpkiPem(GenerateRsaPem(2048)));
  const std::string head = Head() +
                           "clients:\n  sync:\n    display_name: Sync\n"
                           "    scopes: [skatt:demo/read]\n    keys:\n";
  const std::string old_key = "      - {kid: old, pem_file: keys/client.pub.pem}\n";
  const std::string new_key = "      - {kid: new, pem_file: keys/new.pub.pem}\n";
  Write("mpctl.yaml", head + old_key);
  ASSERT_EQ(Mpctl({"apply", "--auto-approve"}).exit_code, 0);
  Write("mpctl.yaml", head + old_key + new_key);
  ASSERT_EQ(Mpctl({"apply", "--auto-approve"}).exit_code, 0);
  Write("mpctl.yaml", head + new_key);
  MpctlRun plan = Mpctl({"plan", "--min-key-age", "45s"});
  EXPECT_EQ(plan.exit_code, 0) << plan.err;
  EXPECT_THAT(plan.out, HasSubstr("client.sync.keys: key 'old' is removed only 0 minutes after "
                                  "'new' was registered; callers may still sign with 'old'"));
}

// 4a. A saved plan was applied as if made with --prune, and whatever it said was done: a
// delete added by hand ran.
TEST_F(GuardsE2eTest, SavedPlanThatDiffersFromAPlanMadeNowIsRefused) {
  StartEmulator();
  WriteManifest(Entries(2));
  ASSERT_EQ(Mpctl({"apply", "--auto-approve"}).exit_code, 0);
  auto c01 = ClientOf("c01");
  ASSERT_TRUE(c01);
  WriteManifest(Entries(1));  // c01 is now an orphan: left in place without --prune
  MpctlRun plan = Mpctl({"plan", "--out", "plan.json"});
  ASSERT_EQ(plan.exit_code, 0) << plan.err;

  rapidjson::Document doc;
  doc.Parse(Read("plan.json").c_str());
  ASSERT_FALSE(doc.HasParseError());
  auto& alloc = doc.GetAllocator();
  rapidjson::Value action(rapidjson::kObjectType);
  action.AddMember("address", "client.c01", alloc);
  action.AddMember("action", "delete", alloc);
  action.AddMember("type", "client", alloc);
  action.AddMember("name", "c01", alloc);
  action.AddMember("client_id", rapidjson::Value(c01->client_id.c_str(), alloc), alloc);
  doc["environments"][0]["actions"].PushBack(action, alloc);
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  doc.Accept(writer);
  Write("plan.json", buffer.GetString());

  const int writes = emu_->Stats().writes;
  MpctlRun apply = Mpctl({"apply", "plan.json"});
  EXPECT_EQ(apply.exit_code, 1) << apply.out << apply.err;
  EXPECT_THAT(apply.err, HasSubstr("does not match a plan made now"));
  EXPECT_THAT(apply.err, HasSubstr("'client.c01': a delete only in the saved plan"));
  EXPECT_EQ(emu_->Stats().writes, writes);
  EXPECT_TRUE(ClientOf("c01"));
}

// 4b. The manifest path was stored as given, relative to the working directory.
TEST_F(GuardsE2eTest, SavedPlanAppliesFromAnotherDirectory) {
  StartEmulator();
  std::filesystem::create_directories(dir_ + "/proj/keys");
  Write("proj/keys/client.pub.pem", Read("keys/client.pub.pem"));
  Write("proj/mpctl.yaml", Head() +
                               "clients:\n  c00:\n    display_name: C\n"
                               "    scopes: [skatt:demo/read]\n");
  MpctlRun plan = MpctlIn("proj", {"plan", "--out", "plan.json"});
  ASSERT_EQ(plan.exit_code, 0) << plan.err;
  EXPECT_EQ(PlanSchemaViolation(Read("proj/plan.json")), std::nullopt);
  MpctlRun apply = MpctlIn("", {"apply", "proj/plan.json"});
  EXPECT_EQ(apply.exit_code, 0) << apply.out << apply.err;
  EXPECT_THAT(apply.out, HasSubstr("Apply complete: 1 change made."));
  EXPECT_TRUE(ClientOf("c00"));
}

// 5. A valid orgno the admin client does not act for planned normally, then apply failed.
TEST_F(GuardsE2eTest, AnOrganisationTheAdminTokenDoesNotActForIsCaughtAtPlanTime) {
  StartEmulator();
  Write("mpctl.yaml", Head(false, AdminFixture::kOtherOrgno) +
                          "clients:\n  c00:\n    display_name: C\n"
                          "    scopes: [skatt:demo/read]\n");
  const std::string expected =
      "the admin client acts for organisation '310000108' (the 'consumer' claim of its token), "
      "but the manifest says organization '974761076'";
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"plan"}, {"check"}, {"import", "-e", "test", "--all-unmanaged"}}) {
    MpctlRun run = Mpctl(args);
    EXPECT_EQ(run.exit_code, 1) << args[0] << ": " << run.out;
    EXPECT_THAT(run.err, HasSubstr(expected)) << args[0];
  }
  EXPECT_EQ(emu_->Stats().writes, 0);

  // The right organisation plans as before; -v says nothing about a missing claim.
  Write("mpctl.yaml", Head() +
                          "clients:\n  c00:\n    display_name: C\n"
                          "    scopes: [skatt:demo/read]\n");
  MpctlRun ok = Mpctl({"-v", "plan"});
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_THAT(ok.err, Not(HasSubstr("does not say which organisation")));
}

// 5b. A token that does not say whom it acts for (token_env with an opaque token): -v says so
// and mpctl goes on to read (here the emulator then refuses the token itself).
TEST_F(GuardsE2eTest, ATokenWithoutAnOrganisationClaimIsToldWithVerboseAndNotChecked) {
  StartEmulator();
  std::string head = Head();
  const std::string admin =
      "admin_client: {client_id: acme-admin, key_env: MPCTL_E2E_ADMIN_KEY, "
      "kid: acme-admin-key}";
  ASSERT_NE(head.find(admin), std::string::npos) << head;
  head.replace(head.find(admin), admin.size(), "admin_client: {token_env: OPAQUE_TOKEN}");
  Write("mpctl.yaml", head +
                          "clients:\n  c00:\n    display_name: C\n"
                          "    scopes: [skatt:demo/read]\n");
  MpctlRun run = RunMpctl({{"-v", "plan"}, dir_, {"OPAQUE_TOKEN=opaque-token-value"}, nullptr, ""});
  EXPECT_THAT(run.err, HasSubstr("the admin token does not say which organisation it acts for "
                                 "(no 'consumer' claim); not checking organization '310000108'"));
  EXPECT_THAT(run.err, HasSubstr("GET /api/v1/clients"));  // it went on to read
  EXPECT_THAT(run.err, Not(HasSubstr("opaque-token-value")));
}

// 6. `--expiry-within 30` meant 30 seconds.
TEST_F(GuardsE2eTest, DurationsWithoutAUnitAreRefused) {
  StartEmulator();
  WriteManifest(Entries(1));
  const std::pair<std::vector<std::string>, std::string> cases[] = {
      {{"plan", "--expiry-within", "30"}, "--expiry-within: '30' has no unit; did you mean 30d?"},
      {{"check", "--expiry-within", "30"}, "--expiry-within: '30' has no unit; did you mean 30d?"},
      {{"plan", "--min-key-age", "10"}, "--min-key-age: '10' has no unit; did you mean 10m?"},
      {{"plan", "--retry-timeout", "60"}, "--retry-timeout: '60' has no unit; did you mean 60s?"},
  };
  ExpectRefusedBeforeAnyRequest(cases);
  EXPECT_EQ(Mpctl({"plan", "--retry-timeout", "1m", "--expiry-within", "4w"}).exit_code, 0);
}

// `--parallelism 0` used to mean 1 and `--parallelism 100000` as many threads.
TEST_F(GuardsE2eTest, CountsOutOfRangeAreRefused) {
  StartEmulator();
  WriteManifest(Entries(1));
  const std::pair<std::vector<std::string>, std::string> cases[] = {
      {{"plan", "--parallelism", "0"}, "--parallelism: 0 is out of range; give 1 to 256"},
      {{"apply", "--parallelism", "100000"},
       "--parallelism: 100000 is out of range; give 1 to 256"},
      {{"check", "--retry-max", "0"}, "--retry-max: 0 is out of range; give 1 to 100"},
  };
  ExpectRefusedBeforeAnyRequest(cases);
  EXPECT_EQ(Mpctl({"plan", "--parallelism", "256", "--retry-max", "100"}).exit_code, 0);
}

// A TCP server that accepts connections and never answers; counts them.
class StallingServer {
 public:
  StallingServer() {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    EXPECT_EQ(bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
    EXPECT_EQ(listen(fd_, 16), 0);
    socklen_t len = sizeof addr;
    getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] {
      while (!stop_) {
        pollfd p{fd_, POLLIN, 0};
        if (poll(&p, 1, 100) <= 0) continue;
        int client = accept(fd_, nullptr, nullptr);
        if (client >= 0) {
          held_.push_back(client);
          ++accepted_;
        }
      }
    });
  }
  ~StallingServer() {
    stop_ = true;
    thread_.join();
    for (int fd : held_) close(fd);
    close(fd_);
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  int accepted() const { return accepted_; }

 private:
  int fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<int> accepted_{0};
  std::vector<int> held_;
  std::thread thread_;
};

// 7. A stalled discovery cost each reader thread its own retry budget, the message counted
// the attempts of one of them, and nothing said what was being waited for.
TEST_F(GuardsE2eTest, AStalledAuthServerIsWaitedForVisiblyOnceAndCountedTruthfully) {
  StartEmulator();
  StallingServer stall;
  std::string head = Head();
  head.replace(head.find("auth_server: " + emu_->base_url()), 13 + emu_->base_url().size(),
               "auth_server: " + stall.url());
  Write("mpctl.yaml", head + "    timeout_seconds: 3\n" +
                          "clients:\n  c00:\n    display_name: C\n"
                          "    scopes: [skatt:demo/read]\n");
  auto start = std::chrono::steady_clock::now();
  MpctlRun run = Mpctl({"plan", "--retry-max", "2"});
  auto took = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_THAT(run.err, HasSubstr("waiting for " + stall.url() +
                                 "/.well-known/oauth-authorization-server (attempt 2 of 2, "));
  EXPECT_THAT(run.err,
              HasSubstr("gave up after " + std::to_string(stall.accepted()) + " attempts"));
  EXPECT_EQ(stall.accepted(), 2);
  EXPECT_LT(took, std::chrono::seconds(10));  // two attempts of 3 s, not four
}

// 7b. A Retry-After beyond the time limit: say that this is why it gave up.
TEST_F(GuardsE2eTest, ARetryAfterBeyondTheTimeLimitIsWhyItGaveUp) {
  StartEmulator();
  httplib::Server busy;
  busy.Get(".*", [](const httplib::Request&, httplib::Response& res) {
    res.status = 503;
    res.set_header("Retry-After", "3600");
    res.set_content("busy", "text/plain");
  });
  int port = busy.bind_to_any_port("127.0.0.1");
  std::thread server([&] { busy.listen_after_bind(); });
  while (!busy.is_running()) std::this_thread::yield();
  std::string head = Head();
  head.replace(head.find("auth_server: " + emu_->base_url()), 13 + emu_->base_url().size(),
               "auth_server: http://127.0.0.1:" + std::to_string(port));
  Write("mpctl.yaml", head +
                          "clients:\n  c00:\n    display_name: C\n"
                          "    scopes: [skatt:demo/read]\n");
  MpctlRun run = Mpctl({"plan"});
  busy.stop();
  server.join();
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_THAT(run.err, HasSubstr("gave up after 1 attempt because the server asked to retry "
                                 "after 3600 s (Retry-After), beyond the time limit for all "
                                 "attempts (--retry-timeout 60s)"));
}

}  // namespace
}  // namespace mpctl::testing
