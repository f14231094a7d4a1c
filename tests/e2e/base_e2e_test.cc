// plan/check --base against the emulator in a temporary Git repository: commit a manifest,
// apply it, edit the portal by hand through the emulator's API, change the manifest in a
// second commit; each change of `plan --base HEAD~1` must name its cause.
#include <gmock/gmock.h>
#include <rapidjson/document.h>

#include <cstdlib>

#include "cli_e2e.h"
#include "crypto/keys.h"
#include "support/plan_schema.h"

namespace mpctl::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kScopeName[] = "acme:invoices/read";

std::string Manifest(const std::string& description) {
  return std::string("scopes:\n  \"") + kScopeName +
         "\":\n    description: Read invoices\n    consumers: [\"974761076\"]\n"
         "clients:\n  invoice-sync:\n    display_name: Invoice sync\n    description: " +
         description +
         "\n    scopes: [skatt:demo/read]\n"
         "    keys:\n      - {kid: invoice-sync-1, pem_file: keys/k1.pub.pem}\n";
}

class BaseE2eTest : public CliE2eTest {
 protected:
  // Runs git in the test directory; true on exit status 0.
  bool Git(const std::string& args) {
    std::string command = "cd '" + dir_ +
                          "' && git -c user.name=mpctl-test -c user.email=test@invalid "
                          "-c commit.gpgsign=false " +
                          args + " >/dev/null 2>&1";
    return std::system(command.c_str()) == 0;
  }

  // The "cause" of the change at `path` of the action at `address` that has `element` in
  // add, remove or replace (or any change when `element` is empty); "" when there is none.
  static std::string CauseOf(const rapidjson::Value& env, const std::string& address,
                             const std::string& path = "", const std::string& element = "") {
    for (const auto& a : env["actions"].GetArray()) {
      if (a["address"].GetString() != address) continue;
      if (path.empty()) return a.HasMember("cause") ? a["cause"].GetString() : "";
      for (const auto& c : a["changes"].GetArray()) {
        if (c["path"].GetString() != path) continue;
        bool has = element.empty();
        for (const char* list : {"add", "remove", "replace"}) {
          if (!c.HasMember(list)) continue;
          for (const auto& v : c[list].GetArray()) has = has || v.GetString() == element;
        }
        if (has) return c["cause"].GetString();
      }
    }
    return "";
  }
};

TEST_F(BaseE2eTest, PlanBaseTellsManifestChangesFromHandEdits) {
  Start();
  std::filesystem::create_directories(dir_ + "/keys");
  NewKey("keys/k1");
  WriteManifest(Manifest("Sends invoices"));
  ASSERT_TRUE(Git("init -q .") && Git("add mpctl.yaml keys") && Git("commit -q -m first"));
  CliOutcome applied = Mpctl({"apply", "--auto-approve"});
  ASSERT_EQ(applied.exit_code, 0) << applied.out << applied.err;

  // Hand edits in the portal: rename the client and add a scope, upload a key, grant access.
  auto [status, body] = Api("GET", "/api/v1/clients");
  ASSERT_EQ(status, 200) << body;
  rapidjson::Document clients;
  clients.Parse(body.c_str());
  std::string id;
  for (const auto& c : clients.GetArray()) {
    if (std::string(c["description"].GetString()).find("[mpctl:invoice-sync]") !=
        std::string::npos) {
      id = c["client_id"].GetString();
    }
  }
  ASSERT_FALSE(id.empty()) << body;
  auto renamed =
      Api("PUT", "/api/v1/clients/" + id,
          R"({"client_name":"Renamed by hand","scopes":["skatt:demo/read","difi:open"]})");
  ASSERT_EQ(renamed.first, 200) << renamed.second;
  auto hand_key = crypto::PrivateKey::Generate(2048);
  ASSERT_TRUE(hand_key.ok());
  auto uploaded = Api("PUT", "/api/v1/clients/" + id + "/jwks/hand-key",
                      crypto::PublicJwkJson(hand_key->Public(), "hand-key", "RS256"));
  ASSERT_EQ(uploaded.first / 100, 2) << uploaded.second;
  auto granted = Api("PUT", "/api/v1/scopes/access/991825827?scope=acme%3Ainvoices%2Fread");
  ASSERT_EQ(granted.first / 100, 2) << granted.second;

  // The second commit changes the description and the key file (same kid, new key).
  WriteManifest(Manifest("Sends invoices to the tax authority"));
  NewKey("keys/k1");
  ASSERT_TRUE(Git("commit -q -a -m second"));

  CliOutcome json = Mpctl({"plan", "--base", "HEAD~1", "--format", "json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  EXPECT_EQ(PlanSchemaViolation(json.out), std::nullopt);
  rapidjson::Document plan;
  plan.Parse(json.out.c_str());
  ASSERT_TRUE(plan.IsObject()) << json.out;
  EXPECT_STREQ(plan["base"].GetString(), "HEAD~1");
  const rapidjson::Value& env = plan["environments"][0];
  EXPECT_EQ(CauseOf(env, "client.invoice-sync", "description"), "manifest");
  EXPECT_EQ(CauseOf(env, "client.invoice-sync", "client_name"), "drift");
  EXPECT_EQ(CauseOf(env, "client.invoice-sync", "scopes", "difi:open"), "drift");
  EXPECT_EQ(CauseOf(env, "client.invoice-sync"), "both");
  // The key file at HEAD~1 is the registered key: replacing it is the manifest's change.
  EXPECT_EQ(CauseOf(env, "client.invoice-sync.keys", "keys", "invoice-sync-1"), "manifest");
  EXPECT_EQ(CauseOf(env, "client.invoice-sync.keys", "keys", "hand-key"), "drift");
  EXPECT_EQ(CauseOf(env, std::string("scope.") + kScopeName + ".access.991825827"), "drift");
  EXPECT_EQ(env["summary"]["drift"].GetInt(), 4) << json.out;

  CliOutcome text = Mpctl({"plan", "--base", "HEAD~1", "--no-color"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_THAT(text.out, HasSubstr("Changed outside mpctl \u2014 apply will revert:\n"));
  EXPECT_THAT(text.out, HasSubstr("display_name: \"Renamed by hand\""));
  CliOutcome plain = Mpctl({"plan", "--no-color"});
  EXPECT_THAT(plain.out, Not(HasSubstr("outside mpctl")));

  // check --base: the hand edits fail the gate, listed apart from the manifest's change.
  CliOutcome check = Mpctl({"check", "--base", "HEAD~1"});
  EXPECT_EQ(check.exit_code, 2) << check.out << check.err;
  EXPECT_THAT(check.out, HasSubstr("  changed outside mpctl: ~ client.invoice-sync (client_name, "
                                   "scopes)\n"));
  EXPECT_THAT(check.out, HasSubstr("  manifest change: ~ client.invoice-sync (description)\n"));
  EXPECT_THAT(check.out, HasSubstr("3 resources changed outside mpctl"));

  // apply --base shows the same before applying; a saved plan refuses --base.
  ASSERT_EQ(Mpctl({"plan", "--base", "HEAD~1", "--out", "plan.json"}).exit_code, 0);
  CliOutcome saved = Mpctl({"apply", "plan.json", "--base", "HEAD~1"});
  EXPECT_EQ(saved.exit_code, 1);
  EXPECT_THAT(saved.err, HasSubstr("--prune and --base; drop"));
  CliOutcome apply = Mpctl({"apply", "--auto-approve", "--base", "HEAD~1", "--no-color"});
  ASSERT_EQ(apply.exit_code, 0) << apply.out << apply.err;
  EXPECT_THAT(apply.out, HasSubstr("Changed outside mpctl \u2014 apply will revert:\n"));
  CliOutcome reverted = Mpctl({"plan", "--base", "HEAD~1", "--no-color"});
  EXPECT_THAT(reverted.out, HasSubstr("No changes.")) << reverted.out;

  // Without hand edits, unapplied manifest changes do not fail check --base.
  WriteManifest(Manifest("Sends invoices, third version"));
  ASSERT_TRUE(Git("commit -q -a -m third"));
  CliOutcome clean = Mpctl({"check", "--base", "HEAD~1"});
  EXPECT_EQ(clean.exit_code, 0) << clean.out << clean.err;
  EXPECT_THAT(clean.out, HasSubstr("check passed: nothing was changed outside mpctl"));
  EXPECT_THAT(clean.out, HasSubstr("1 manifest change since 'HEAD~1' not yet applied"));
}

TEST_F(BaseE2eTest, BadBasesAreClearErrors) {
  Start();
  WriteManifest(Manifest("Sends invoices"));
  std::filesystem::create_directories(dir_ + "/keys");
  NewKey("keys/k1");
  CliOutcome no_repo = Mpctl({"plan", "--base", "main"});
  EXPECT_EQ(no_repo.exit_code, 1);
  EXPECT_THAT(no_repo.err, HasSubstr("is not in a Git work tree; use --base-file FILE"));

  ASSERT_TRUE(Git("init -q .") && Git("add keys") && Git("commit -q -m keys-only"));
  CliOutcome missing = Mpctl({"plan", "--base", "HEAD"});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_THAT(missing.err, HasSubstr("'mpctl.yaml' does not exist at revision 'HEAD'"));
  CliOutcome unknown = Mpctl({"plan", "--base", "no-such-branch"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_THAT(unknown.err, HasSubstr("revision 'no-such-branch' does not exist"));
  CliOutcome both = Mpctl({"plan", "--base", "HEAD", "--base-file", "mpctl.yaml"});
  EXPECT_EQ(both.exit_code, 1);
  EXPECT_THAT(both.err, HasSubstr("--base and --base-file exclude each other"));
  CliOutcome no_file = Mpctl({"plan", "--base-file", "old.yaml"});
  EXPECT_EQ(no_file.exit_code, 1);
  EXPECT_THAT(no_file.err, HasSubstr("--base-file: "));

  // --base-file: the manifest itself as base; nothing changed outside mpctl yet, all manifest.
  CliOutcome file = Mpctl({"plan", "--base-file", "mpctl.yaml", "--format", "json"});
  ASSERT_EQ(file.exit_code, 0) << file.err;
  EXPECT_EQ(PlanSchemaViolation(file.out), std::nullopt);
  // Nothing was applied yet: what the base declares and the portal lacks counts as deleted
  // by hand (drift), as it would after an apply.
  EXPECT_THAT(file.out, HasSubstr("\"cause\": \"drift\""));
}

}  // namespace
}  // namespace mpctl::testing
