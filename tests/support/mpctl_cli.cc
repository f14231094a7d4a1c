#include "support/mpctl_cli.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

namespace mpctl::testing {

namespace fs = std::filesystem;

std::string ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::vector<std::string> ListedCommands(const std::string& help) {
  std::vector<std::string> commands;
  bool in_list = false;
  std::istringstream lines(help);
  for (std::string line; std::getline(lines, line);) {
    if (line == "commands:") {
      in_list = true;
    } else if (in_list && line.find_first_not_of(' ') == std::string::npos) {
      break;
    } else if (in_list) {
      std::size_t start = line.find_first_not_of(' ');
      commands.push_back(line.substr(start, line.find(' ', start) - start));
    }
  }
  return commands;
}

std::string ReadDocumentation() {
  std::string text = ReadWholeFile(MPCTL_SOURCE_DIR "/README.md");
  std::vector<fs::path> docs;
  for (const auto& entry : fs::directory_iterator(MPCTL_SOURCE_DIR "/docs")) {
    if (entry.path().extension() == ".md") docs.push_back(entry.path());
  }
  std::sort(docs.begin(), docs.end());
  for (const fs::path& doc : docs) text += "\n" + ReadWholeFile(doc.string());
  return text;
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
  MpctlCall call;
  call.args = args;
  call.dir = cwd.empty() ? MPCTL_SOURCE_DIR : cwd;
  call.env = env;
  call.stdin_text = stdin_text;
  return RunMpctl(call);
}

}  // namespace mpctl::testing
