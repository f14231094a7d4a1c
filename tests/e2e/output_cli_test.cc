// mpctl output against the emulator: after an apply it lists exactly the created client ids,
// in every format, deterministically, and with GETs only.
#include <gmock/gmock.h>
#include <rapidjson/document.h>

#include <map>
#include <set>

#include "mpctl_e2e.h"
#include "support/plan_fixture.h"
#include "support/plan_schema.h"

namespace mpctl::testing {
namespace {

using ::testing::HasSubstr;

class OutputCliTest : public MpctlE2eTest {};

// nullopt when `json` follows schemas/output.schema.json.
std::optional<std::string> OutputSchemaViolation(const std::string& json) {
  return SchemaViolation("schemas/output.schema.json", json);
}

TEST_F(OutputCliTest, JsonListsExactlyTheCreatedIds) {
  StartEmulator();
  WriteManifest(Entries(3));

  // Before the apply nothing exists: every entry is listed without an id.
  MpctlRun before = Mpctl({"output", "--format", "json"});
  ASSERT_EQ(before.exit_code, 0) << before.err;
  EXPECT_EQ(OutputSchemaViolation(before.out), std::nullopt) << before.out;
  EXPECT_THAT(before.out, HasSubstr("\"client_id\": null"));

  ASSERT_EQ(Mpctl({"apply", "--auto-approve"}).exit_code, 0);
  int writes = emu_->Stats().writes;

  MpctlRun run = Mpctl({"output", "--format", "json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(emu_->Stats().writes, writes);  // GETs only
  EXPECT_EQ(OutputSchemaViolation(run.out), std::nullopt) << run.out;
  rapidjson::Document doc;
  doc.Parse(run.out.c_str());
  ASSERT_FALSE(doc.HasParseError()) << run.out;
  ASSERT_EQ(doc["environments"].Size(), 1u);
  const auto& env = doc["environments"][0];
  EXPECT_STREQ(env["name"].GetString(), "test");
  std::set<std::string> listed;
  std::map<std::string, std::vector<std::string>> kids;
  for (const auto& c : env["clients"].GetArray()) {
    ASSERT_TRUE(c["client_id"].IsString()) << c["name"].GetString();
    listed.insert(c["client_id"].GetString());
    for (const auto& k : c["keys"].GetArray()) {
      kids[c["name"].GetString()].push_back(k["kid"].GetString());
      EXPECT_TRUE(k["expires"].IsString());
    }
    ASSERT_EQ(c["scopes"].Size(), 1u);
    EXPECT_STREQ(c["scopes"][0].GetString(), kScope);
  }
  std::set<std::string> created;
  for (const auto& c : Clients()) created.insert(c.client_id);
  EXPECT_EQ(listed, created);
  EXPECT_EQ(created.size(), 3u);
  EXPECT_EQ(kids["c01"], (std::vector<std::string>{"c01-key-1"}));

  // Deterministic: the same bytes again.
  EXPECT_EQ(Mpctl({"output", "--format", "json"}).out, run.out);
}

TEST_F(OutputCliTest, EnvFormatPrintsOneLinePerClient) {
  StartEmulator();
  WriteManifest(Entries(2));
  ASSERT_EQ(Mpctl({"apply", "--auto-approve"}).exit_code, 0);
  auto c00 = ClientOf("c00"), c01 = ClientOf("c01");
  ASSERT_TRUE(c00 && c01);
  MpctlRun run = Mpctl({"output", "--format", "env", "-e", "test"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "MPCTL_TEST_C00_CLIENT_ID=" + c00->client_id +
                         "\nMPCTL_TEST_C01_CLIENT_ID=" + c01->client_id + "\n");

  MpctlRun text = Mpctl({"output"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_THAT(text.out, HasSubstr("  c00: " + c00->client_id + "\n"));
  EXPECT_THAT(text.out, HasSubstr("key:    c00-key-1 (expires "));

  MpctlRun bad = Mpctl({"output", "--format", "yaml"});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_EQ(bad.err, "mpctl: error: --format: 'yaml' is not one of text, json, env\n");
}

}  // namespace
}  // namespace mpctl::testing
