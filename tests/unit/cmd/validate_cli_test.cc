// Runs the built mpctl binary: help, version, validate (good and bad), bad flags.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <regex>
#include <string>
#include <vector>

#include "base/strings.h"
#include "support/mpctl_cli.h"

namespace mpctl {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

namespace fs = std::filesystem;

using Outcome = testing::MpctlRun;

// Runs `mpctl <args>` from the source directory; `args` and `env` ("NAME=value" pairs) are
// split on spaces.
Outcome Mpctl(const std::string& args, const std::string& env = "") {
  auto words = [](const std::string& text) {
    std::vector<std::string> out;
    for (std::string& word : base::Split(text, ' ')) {
      if (!word.empty()) out.push_back(std::move(word));
    }
    return out;
  };
  return testing::RunMpctl(words(args), MPCTL_SOURCE_DIR, words(env));
}

constexpr char kExampleEnv[] =
    "MPCTL_TEST_ADMIN_CLIENT_ID=a MPCTL_PROD_ADMIN_CLIENT_ID=b "
    "MPCTL_TEST_API_URL=http://127.0.0.1:1/api/v1 MPCTL_TEST_AUTH_SERVER=http://127.0.0.1:1/";

TEST(ValidateCliTest, UnknownFlagIsAnError) {
  Outcome o = Mpctl("validate --x");
  EXPECT_EQ(o.exit_code, 1);
  EXPECT_EQ(o.out, "");
  EXPECT_EQ(o.err,
            "mpctl: error: unknown option '--x' for 'validate'; see 'mpctl validate --help'\n");
}

TEST(ValidateCliTest, UnknownCommandAndGlobalFlagAreErrors) {
  Outcome command = Mpctl("valdate");
  EXPECT_EQ(command.exit_code, 1);
  EXPECT_EQ(command.err, "mpctl: error: unknown command 'valdate'; did you mean 'validate'?\n");
  Outcome flag = Mpctl("--bogus validate");
  EXPECT_EQ(flag.exit_code, 1);
  EXPECT_EQ(flag.err, "mpctl: error: unknown option '--bogus'; see 'mpctl --help'\n");
}

TEST(ValidateCliTest, BadManifestListsEveryErrorAndExitsOne) {
  Outcome o = Mpctl("validate -f tests/golden/validate/timeout_zero/mpctl.yaml",
                    "MPCTL_TEST_ADMIN_CLIENT_ID=a");
  EXPECT_EQ(o.exit_code, 1);
  EXPECT_EQ(o.out, "");
  EXPECT_EQ(o.err,
            "tests/golden/validate/timeout_zero/mpctl.yaml:11:22: environments.prod."
            "timeout_seconds: must be between 1 and 3600 seconds\n"
            "tests/golden/validate/timeout_zero/mpctl.yaml:12:30: environments.prod."
            "connect_timeout_seconds: expected a whole number, got 'soon'\n"
            "mpctl: error: 2 errors in tests/golden/validate/timeout_zero/mpctl.yaml\n");
}

TEST(ValidateCliTest, MissingDefaultManifestIsAnError) {
  Outcome o = Mpctl("validate");
  EXPECT_EQ(o.exit_code, 1);
  EXPECT_EQ(o.err,
            "mpctl.yaml: manifest does not exist (give its path with -f)\n"
            "mpctl: error: 1 error in mpctl.yaml\n");
}

TEST(ValidateCliTest, GoodManifestPrintsOneLinePerEnvironment) {
  Outcome o = Mpctl("validate -f examples/test-prod/mpctl.yaml", kExampleEnv);
  EXPECT_EQ(o.err, "");
  EXPECT_EQ(o.exit_code, 0);
  EXPECT_EQ(o.out,
            "test: organization 310000108, 3 clients, 2 keys, 0 scopes\n"
            "prod: organization 987654325, 2 clients, 2 keys, 0 scopes\n");
}

TEST(ValidateCliTest, SelectedEnvironmentNeedsOnlyItsVariables) {
  Outcome o =
      Mpctl("-v validate -f examples/test-prod/mpctl.yaml -e test", "MPCTL_TEST_ADMIN_CLIENT_ID=a");
  EXPECT_EQ(o.err, "");
  EXPECT_EQ(o.exit_code, 0);
  EXPECT_EQ(o.out, "test: organization 310000108, 3 clients, 2 keys, 0 scopes\n");
}

TEST(ValidateCliTest, HelpAndVersion) {
  Outcome help = Mpctl("--help");
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_THAT(help.out, StartsWith("usage: mpctl [global options] <command> [options]"));
  for (const char* text : {"validate", "--verbose", "--ca-file", "--version", "exit codes:"}) {
    EXPECT_THAT(help.out, HasSubstr(text));
  }
  Outcome validate_help = Mpctl("validate --help");
  EXPECT_EQ(validate_help.exit_code, 0);
  for (const char* text :
       {"usage: mpctl validate", "--file", "--env", "0  the manifest is valid", "1  it is not"}) {
    EXPECT_THAT(validate_help.out, HasSubstr(text));
  }
  Outcome version = Mpctl("--version");
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_EQ(version.out, "mpctl 0.1.0\n");
}

// Every flag --help lists is documented (README or docs/).
TEST(ValidateCliTest, EveryFlagInHelpIsInReadme) {
  std::string readme = testing::ReadDocumentation();
  static const std::regex kFlag("--[a-z][a-z-]+");
  for (const char* args : {"--help", "validate --help", "plan --help", "apply --help"}) {
    std::string help = Mpctl(args).out;
    int flags = 0;
    for (std::sregex_iterator it(help.begin(), help.end(), kFlag), end; it != end; ++it) {
      ++flags;
      EXPECT_TRUE(std::regex_search(readme, std::regex(it->str() + "(?![a-z-])")))
          << it->str() << " from mpctl " << args << " is not in README or docs/";
    }
    EXPECT_GE(flags, 3) << args;
  }
}

}  // namespace
}  // namespace mpctl
