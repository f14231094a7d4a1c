// Every example that can point at the emulator goes validate → plan → apply → plan against
// the demo's world (examples/emulator-seed.yaml). examples/test-prod uses Digdir's built-in
// endpoints, so only its validation runs (tests/unit/manifest/examples_test.cc).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "support/emulator_process.h"
#include "support/mpctl_process.h"
#include "support/scoped_temp_dir.h"
#include "support/test_keys.h"

namespace mpctl::testing {
namespace {

using ::testing::HasSubstr;

class ExamplesApplyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = temp_.path();
    admin_pem_ = GenerateRsaPem(2048);
    std::ofstream(dir_ + "/admin.pub.pem") << SpkiPem(admin_pem_);
    // The seed names the admin's public key through this variable; the emulator inherits it.
    setenv("MPCTL_DEMO_ADMIN_PUBLIC_KEY", (dir_ + "/admin.pub.pem").c_str(), 1);
    std::ofstream(dir_ + "/ca.pem") << CaCertificatePem(GenerateRsaPem(), "test CA");
    setenv("MPCTL_DEMO_CA_CERT", (dir_ + "/ca.pem").c_str(), 1);
    emu_ =
        EmulatorProcess::Start({"--seed", MPCTL_SOURCE_DIR "/examples/emulator-seed.yaml"}, dir_);
    ASSERT_TRUE(emu_);
  }
  void TearDown() override { emu_.reset(); }

  MpctlRun Mpctl(std::vector<std::string> args) {
    return RunMpctl(
        {std::move(args),
         MPCTL_SOURCE_DIR,
         {"MPCTL_TEST_API_URL=" + emu_->base_url() + "/api/v1",
          "MPCTL_TEST_AUTH_SERVER=" + emu_->base_url() + "/",
          "MPCTL_TEST_ADMIN_CLIENT_ID=demo-admin", "MPCTL_TEST_ADMIN_KEY=" + admin_pem_},
         nullptr,
         ""});
  }

  // validate → plan (changes) → apply → plan (none) → apply (no writes).
  void Story(const std::string& manifest) {
    SCOPED_TRACE(manifest);
    MpctlRun validate = Mpctl({"validate", "-f", manifest});
    ASSERT_EQ(validate.exit_code, 0) << validate.err;
    MpctlRun plan = Mpctl({"plan", "-f", manifest, "--detailed-exitcode"});
    ASSERT_EQ(plan.exit_code, 2) << plan.out << plan.err;
    MpctlRun apply = Mpctl({"apply", "-f", manifest, "--auto-approve"});
    ASSERT_EQ(apply.exit_code, 0) << apply.out << apply.err;
    EXPECT_THAT(apply.out, HasSubstr("Apply complete: "));
    MpctlRun again = Mpctl({"plan", "-f", manifest, "--detailed-exitcode"});
    EXPECT_EQ(again.exit_code, 0) << again.out << again.err;
    std::int64_t writes = emu_->Stats().writes;
    EXPECT_EQ(Mpctl({"apply", "-f", manifest, "--auto-approve"}).exit_code, 0);
    EXPECT_EQ(emu_->Stats().writes, writes);
  }

  ::mpctl::testing::ScopedTempDir temp_{"mpctl-examples-e2e"};
  std::string dir_;
  std::string admin_pem_;
  std::unique_ptr<EmulatorProcess> emu_;
};

TEST_F(ExamplesApplyTest, MinimalAndProviderScopesConverge) {
  Story("examples/minimal/mpctl.yaml");
  Story("examples/provider-scopes/mpctl.yaml");
}

}  // namespace
}  // namespace mpctl::testing
