#include "support/emulator_process.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <poll.h>
#include <rapidjson/document.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>

namespace mpctl::testing {

namespace {

constexpr const char* kBinary = MPCTL_BINARY_DIR "/cmd/mpctl-emulator/mpctl-emulator";

bool HasFlag(const std::vector<std::string>& args, const std::string& flag) {
  return std::any_of(args.begin(), args.end(), [&](const std::string& a) {
    return a == flag || a.rfind(flag + "=", 0) == 0;
  });
}

}  // namespace

std::int64_t EmulatorStats::Requests(const std::string& key) const {
  auto it = requests.find(key);
  return it == requests.end() ? 0 : it->second;
}

std::unique_ptr<EmulatorProcess> EmulatorProcess::Start(std::vector<std::string> args,
                                                        std::string dir) {
  std::unique_ptr<EmulatorProcess> process(new EmulatorProcess());
  if (dir.empty()) {
    process->own_dir_ = std::make_unique<ScopedTempDir>("mpctl-emulator");
    dir = process->own_dir_->path();
  }
  process->dir_ = dir;
  if (!HasFlag(args, "--port")) {
    args.push_back("--port");
    args.push_back("0");
  }
  if (!HasFlag(args, "--state")) {
    process->state_file_ = dir + "/state.json";
    args.push_back("--state");
    args.push_back(process->state_file_);
  }
  process->args_ = std::move(args);
  if (!process->Launch()) return nullptr;
  return process;
}

bool EmulatorProcess::Launch() {
  int out[2];
  if (pipe2(out, O_CLOEXEC) != 0) {
    ADD_FAILURE() << "pipe failed";
    return false;
  }
  // Built before fork(): the child of a threaded test may not allocate before execv.
  std::vector<char*> argv;
  argv.push_back(const_cast<char*>(kBinary));
  for (auto& a : args_) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = fork();
  if (pid < 0) {
    ADD_FAILURE() << "fork failed";
    return false;
  }
  if (pid == 0) {
    dup2(out[1], STDOUT_FILENO);
    execv(kBinary, argv.data());
    _exit(127);
  }
  close(out[1]);
  pid_ = pid;
  // Read stdout until the "listening on URL" line; no sleeping, only a 30 s overall limit.
  std::string line;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  bool ready = false;
  while (std::chrono::steady_clock::now() < deadline) {
    pollfd pfd{out[0], POLLIN, 0};
    if (poll(&pfd, 1, 1000) <= 0) continue;
    char c;
    ssize_t n = read(out[0], &c, 1);
    if (n <= 0) break;
    if (c == '\n') {
      ready = line.rfind("listening on ", 0) == 0;
      break;
    }
    line += c;
  }
  close(out[0]);
  if (!ready) {
    ADD_FAILURE() << "mpctl-emulator did not start (args:"
                  << [&] {
                       std::string all;
                       for (const auto& a : args_) all += " " + a;
                       return all;
                     }()
                  << "); first line: '" << line << "'";
    Kill();
    return false;
  }
  base_url_ = line.substr(std::string("listening on ").size());
  port_ = std::atoi(base_url_.substr(base_url_.rfind(':') + 1).c_str());
  return true;
}

EmulatorProcess::~EmulatorProcess() {
  Kill();  // before own_dir_ goes: the emulator writes its state file there
}

EmulatorStats EmulatorProcess::Stats() const {
  EmulatorStats stats;
  httplib::Client http(base_url_);
  http.enable_server_certificate_verification(false);  // self-signed test TLS
  auto response = http.Get("/__emulator/stats");
  if (!response || response->status != 200) {
    ADD_FAILURE() << "GET /__emulator/stats failed";
    return stats;
  }
  rapidjson::Document doc;
  doc.Parse(response->body.c_str());
  if (!doc.IsObject()) {
    ADD_FAILURE() << "stats are not a JSON object: " << response->body;
    return stats;
  }
  for (const auto& m : doc["requests"].GetObject()) {
    stats.requests[m.name.GetString()] = m.value.GetInt64();
  }
  for (const auto& m : doc["faults"].GetObject()) {
    stats.faults[m.name.GetString()] = m.value.GetInt64();
  }
  stats.requests_total = doc["requests_total"].GetInt64();
  stats.writes = doc["writes"].GetInt64();
  stats.faults_total = doc["faults_total"].GetInt64();
  stats.tokens_issued = doc["tokens_issued"].GetInt64();
  stats.max_in_flight = doc["max_in_flight"].GetInt64();
  return stats;
}

int EmulatorProcess::Stop() {
  if (pid_ <= 0) return -1;
  kill(pid_, SIGTERM);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

void EmulatorProcess::Kill() {
  if (pid_ <= 0) return;
  kill(pid_, SIGKILL);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
}

bool EmulatorProcess::Restart() {
  Kill();
  return Launch();
}

}  // namespace mpctl::testing
