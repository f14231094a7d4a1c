// The CI recipes under ci/ are valid YAML, and every mpctl command line in them parses with
// the real binary (run with --help appended: flags are checked, nothing is done).
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <regex>

#include "support/mpctl_cli.h"

namespace mpctl {
namespace {

namespace fs = std::filesystem;

// Every shell script in `node`: the values of GitHub's `run` and GitLab's `script`,
// `before_script` and `after_script` (a string or a list of them), recursively.
void Scripts(const YAML::Node& node, std::vector<std::string>* out, bool script = false) {
  if (node.IsScalar()) {
    if (script) out->push_back(node.Scalar());
  } else if (node.IsSequence()) {
    for (const auto& item : node) Scripts(item, out, script);
  } else if (node.IsMap()) {
    for (const auto& item : node) {
      std::string key = item.first.IsScalar() ? item.first.Scalar() : "";
      Scripts(item.second, out,
              key == "run" || key == "script" || key == "before_script" || key == "after_script");
    }
  }
}

// The arguments of each `mpctl ...` command in `script`: up to the first shell operator;
// quotes dropped; a word holding a shell expansion becomes "x".
std::vector<std::vector<std::string>> MpctlCommands(const std::string& script) {
  static const std::regex kCommand(R"((^|[\s;|&(])mpctl((\s+[^\s|;&<>()]+)*))");
  std::vector<std::vector<std::string>> out;
  std::istringstream lines(script);
  for (std::string line; std::getline(lines, line);) {
    auto hash = line.find_first_not_of(" \t");
    if (hash != std::string::npos && line[hash] == '#') continue;
    for (std::sregex_iterator it(line.begin(), line.end(), kCommand), end; it != end; ++it) {
      std::vector<std::string> args;
      std::istringstream words((*it)[2].str());
      for (std::string word; words >> word;) {
        std::erase(word, '"');
        std::erase(word, '\'');
        args.push_back(word.find('$') == std::string::npos ? word : "x");
      }
      out.push_back(std::move(args));
    }
  }
  return out;
}

TEST(CiRecipesTest, EveryRecipeIsYamlAndEveryMpctlCommandParses) {
  const fs::path ci = fs::path(MPCTL_SOURCE_DIR) / "ci";
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(ci)) {
    if (entry.path().extension() == ".yml") files.push_back(entry.path());
  }
  std::ranges::sort(files);
  ASSERT_EQ(files.size(), 2u) << "ci/github/mpctl.yml and ci/gitlab/mpctl.gitlab-ci.yml";
  for (const fs::path& file : files) {
    SCOPED_TRACE(file.string());
    YAML::Node root;
    ASSERT_NO_THROW(root = YAML::LoadFile(file.string()));
    ASSERT_TRUE(root.IsMap());
    std::vector<std::string> scalars;
    Scripts(root, &scalars);
    EXPECT_GE(scalars.size(), 6u);
    std::set<std::string> commands;
    for (const std::string& scalar : scalars) {
      for (auto& args : MpctlCommands(scalar)) {
        if (args.empty()) continue;
        std::string line = "mpctl";
        for (const auto& a : args) line += " " + a;
        commands.insert(line);
        args.push_back("--help");
        testing::CliOutcome run = testing::RunMpctl(args);
        EXPECT_EQ(run.exit_code, 0) << line << "\n" << run.err;
        EXPECT_EQ(run.err, "") << line;
      }
    }
    // Each recipe validates, plans, applies a saved plan and checks.
    for (const char* needed : {"mpctl validate", "mpctl plan", "mpctl apply plan.json",
                               "mpctl check", "mpctl --version"}) {
      EXPECT_TRUE(std::ranges::any_of(commands,
                                      [&](const std::string& c) { return c.starts_with(needed); }))
          << "no '" << needed << "' in " << file;
    }
    std::string text = testing::ReadWholeFile(file.string());
    EXPECT_NE(text.find("<!-- mpctl-plan -->"), std::string::npos) << "the comment marker";
    EXPECT_NE(text.find("mpctl.deb"), std::string::npos) << "mpctl is installed from its .deb";
  }
}

TEST(CiRecipesTest, TheCheckCatchesABadFlag) {
  auto commands = MpctlCommands("run: mpctl plan -e \"$ENV\" --bogus > plan.md");
  ASSERT_EQ(commands.size(), 1u);
  EXPECT_EQ(commands[0], (std::vector<std::string>{"plan", "-e", "x", "--bogus"}));
  commands[0].push_back("--help");
  EXPECT_EQ(testing::RunMpctl(commands[0]).exit_code, 1);
}

}  // namespace
}  // namespace mpctl
