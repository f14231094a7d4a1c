// conventions.md: every flag that --help of check, diff-env, import and keys lists is in README,
// and every --help states the exit codes.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <regex>
#include <string>
#include <vector>

#include "support/mpctl_cli.h"

namespace mpctl::testing {
namespace {

TEST(KeysCommandsHelpTest, EveryFlagIsInReadmeAndExitCodesAreListed) {
  std::string readme = ReadWholeFile(MPCTL_SOURCE_DIR "/README.md");
  static const std::regex kFlag("--[a-z][a-z-]+");
  const std::vector<std::vector<std::string>> commands = {
      {"check"},           {"diff-env"}, {"import"},  {"keys", "generate"},
      {"keys", "inspect"}, {"output"},   {"validate"}};
  for (auto args : commands) {
    args.push_back("--help");
    CliOutcome help = RunMpctl(args);
    EXPECT_EQ(help.exit_code, 0) << args[0];
    EXPECT_THAT(help.out, ::testing::HasSubstr("exit codes:\n  0  ")) << args[0];
    int flags = 0;
    for (std::sregex_iterator it(help.out.begin(), help.out.end(), kFlag), end; it != end; ++it) {
      ++flags;
      EXPECT_TRUE(std::regex_search(readme, std::regex(it->str() + "(?![a-z-])")))
          << it->str() << " from mpctl " << args[0] << " --help is not in README";
    }
    EXPECT_GE(flags, 1) << args[0];
  }
  CliOutcome top = RunMpctl({"--help"});
  for (const char* name : {"check", "diff-env", "import", "keys", "output", "completion"}) {
    EXPECT_THAT(top.out, ::testing::HasSubstr(std::string("  ") + name + " ")) << name;
    EXPECT_THAT(readme, ::testing::HasSubstr(std::string("### `mpctl ") + name + "`")) << name;
  }
}

}  // namespace
}  // namespace mpctl::testing
