// Every flag that --help of check, diff-env, import and keys lists is documented (README or docs/),
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
  std::string readme = ReadDocumentation();
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
          << it->str() << " from mpctl " << args[0] << " --help is not in README or docs/";
    }
    EXPECT_GE(flags, 1) << args[0];
  }
  CliOutcome top = RunMpctl({"--help"});
  for (const char* name : {"check", "diff-env", "import", "keys", "output", "completion"}) {
    EXPECT_THAT(top.out, ::testing::HasSubstr(std::string("  ") + name + " ")) << name;
    EXPECT_THAT(readme, ::testing::HasSubstr(std::string("\n## `mpctl ") + name + "`")) << name;
  }
}

}  // namespace
}  // namespace mpctl::testing
