// mpctl plan against the emulator: exit codes, least-privilege token, JSON output.
#include <gmock/gmock.h>

#include "mpctl_e2e.h"
#include "support/plan_schema.h"

namespace mpctl::testing {
namespace {

using ::testing::HasSubstr;

class PlanCliTest : public MpctlE2eTest {};

TEST_F(PlanCliTest, BadFormatIsAnError) {
  StartEmulator();
  WriteManifest(Entries(1));
  MpctlRun run = Mpctl({"plan", "--format", "yaml"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.err, "mpctl: error: --format: 'yaml' is not one of text, markdown, json\n");
  EXPECT_EQ(emu_->Stats().tokens_issued, 0);  // no API call at all
}

TEST_F(PlanCliTest, PlanBeforeFirstApplyExitsTwoWithAReadOnlyToken) {
  // The admin client may only read: a token request for any write scope would be refused.
  StartEmulator({}, /*read_only_admin=*/true);
  WriteManifest(Entries(3));
  MpctlRun run = Mpctl({"plan", "--detailed-exitcode"});
  EXPECT_EQ(run.exit_code, 2) << run.err;
  EXPECT_THAT(run.out, HasSubstr("+ client.c00 will be created"));
  EXPECT_THAT(run.out, HasSubstr("Plan: 6 to create, 0 to update, 0 to delete"));
  EXPECT_EQ(emu_->Stats().writes, 0);
  EXPECT_EQ(emu_->Stats().tokens_issued, 1);

  // Without --detailed-exitcode pending changes are still success.
  EXPECT_EQ(Mpctl({"plan"}).exit_code, 0);

  // apply needs idporten:dcr.write, which this admin client lacks: refused, nothing written.
  MpctlRun apply = Mpctl({"apply", "--auto-approve"});
  EXPECT_EQ(apply.exit_code, 1);
  EXPECT_THAT(apply.err, HasSubstr("idporten:dcr.write"));
  EXPECT_EQ(emu_->Stats().writes, 0);
}

TEST_F(PlanCliTest, JsonFormatPrintsOnlyJsonThatFollowsTheSchema) {
  StartEmulator();
  WriteManifest(Entries(2));
  MpctlRun run = Mpctl({"plan", "--format", "json", "--out", "plan.json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(PlanSchemaViolation(run.out), std::nullopt) << run.out;
  rapidjson::Document doc;
  doc.Parse(run.out.c_str());
  ASSERT_FALSE(doc.HasParseError());
  EXPECT_STREQ(doc["manifest_path"].GetString(), "mpctl.yaml");
  EXPECT_EQ(doc["environments"][0]["actions"].Size(), 4u);
  EXPECT_EQ(doc["environments"][0]["summary"]["create"].GetInt(), 4);
  // --out saves the same document.
  EXPECT_EQ(Read("plan.json"), run.out);
  EXPECT_THAT(run.err, HasSubstr("Saved the plan to 'plan.json'"));
}

TEST_F(PlanCliTest, MarkdownStaysUnderMaxBytes) {
  StartEmulator();
  WriteManifest(Entries(40));
  MpctlRun run = Mpctl({"plan", "--format", "markdown", "--max-bytes", "2000"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_LE(run.out.size(), 2000u);
  EXPECT_THAT(run.out, HasSubstr("### mpctl plan"));
}

TEST_F(PlanCliTest, BadDurationIsAnError) {
  StartEmulator();
  WriteManifest(Entries(1));
  MpctlRun run = Mpctl({"plan", "--expiry-within", "30 days"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_THAT(run.err, HasSubstr("--expiry-within: '30 days' is not a duration"));
}

TEST_F(PlanCliTest, UnreachablePortalIsAnErrorThatChangesNothing) {
  StartEmulator();
  WriteManifest(Entries(1));
  emu_->Kill();
  MpctlRun run = Mpctl({"plan", "--retry-max", "1"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_THAT(run.err, HasSubstr("mpctl: error: reading environment 'test': "));
  EXPECT_THAT(run.err, HasSubstr("nothing was changed"));
}

}  // namespace
}  // namespace mpctl::testing
