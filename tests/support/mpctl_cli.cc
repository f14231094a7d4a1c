#include "support/mpctl_cli.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace mpctl::testing {
namespace {

namespace fs = std::filesystem;

std::string ShellQuote(const std::string& value) {
  std::string out = "'";
  for (char c : value) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

}  // namespace

std::string ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

void WriteWholeFile(const std::string& path, const std::string& text) {
  fs::path p(path);
  if (p.has_parent_path()) fs::create_directories(p.parent_path());
  std::ofstream out(path, std::ios::binary);
  out << text;
  ASSERT_TRUE(out.good()) << "cannot write " << path;
}

CliOutcome RunMpctl(const std::vector<std::string>& args, const std::string& cwd,
                    const std::vector<std::string>& env, const std::string& stdin_text) {
  char tmpl[] = "/tmp/mpctl-cli-XXXXXX";
  std::string dir = ::mkdtemp(tmpl);
  std::string command =
      "cd " + ShellQuote(cwd.empty() ? MPCTL_SOURCE_DIR : cwd) + " && env -i PATH=/usr/bin:/bin";
  for (const auto& assignment : env) command += " " + ShellQuote(assignment);
  command += " " + ShellQuote(MPCTL_BINARY_DIR "/cmd/mpctl/mpctl");
  for (const auto& arg : args) command += " " + ShellQuote(arg);
  if (stdin_text.empty()) {
    command += " </dev/null";
  } else {
    WriteWholeFile(dir + "/in", stdin_text);
    command += " <" + ShellQuote(dir + "/in");
  }
  command += " >" + ShellQuote(dir + "/out") + " 2>" + ShellQuote(dir + "/err");
  int status = std::system(command.c_str());
  CliOutcome outcome;
  outcome.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  outcome.out = ReadWholeFile(dir + "/out");
  outcome.err = ReadWholeFile(dir + "/err");
  fs::remove_all(dir);
  return outcome;
}

}  // namespace mpctl::testing
