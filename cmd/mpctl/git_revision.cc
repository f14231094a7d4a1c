#include "git_revision.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <string_view>
#include <vector>

extern "C" char** environ;

namespace mpctl::cli {

namespace {

namespace fs = std::filesystem;

struct GitRun {
  int status = -1;  // exit status; 127: git not found
  std::string out;
};

// Runs `git args...` (no shell) with stdin and stderr on /dev/null; stdout is captured, at
// most base::kMaxFileBytes + 1 bytes of it.
base::Result<GitRun> RunGit(const std::vector<std::string>& args) {
  int pipe_fds[2];
  if (pipe2(pipe_fds, O_CLOEXEC) != 0) {
    return base::MakeError(base::ErrorCode::kInternal, "cannot run 'git': no pipe");
  }
  std::vector<char*> argv;
  std::string git = "git";
  argv.push_back(git.data());
  std::vector<std::string> copies = args;
  for (std::string& a : copies) argv.push_back(a.data());
  argv.push_back(nullptr);
  // Local reads only: never prompt, never page. posix_spawn, not fork: safe with threads.
  std::vector<std::string> env_copies = {"GIT_TERMINAL_PROMPT=0", "GIT_PAGER=cat"};
  for (char** e = environ; *e != nullptr; ++e) {
    std::string_view entry(*e);
    if (!entry.starts_with("GIT_TERMINAL_PROMPT=") && !entry.starts_with("GIT_PAGER=")) {
      env_copies.emplace_back(entry);
    }
  }
  std::vector<char*> envp;
  for (std::string& e : env_copies) envp.push_back(e.data());
  envp.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], 1);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  pid_t pid = -1;
  int spawned = posix_spawnp(&pid, "git", &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) {
    close(pipe_fds[0]);
    close(pipe_fds[1]);
    if (spawned == ENOENT) return GitRun{127, ""};
    return base::MakeError(base::ErrorCode::kInternal, "cannot run 'git'");
  }
  close(pipe_fds[1]);
  GitRun run;
  char buffer[65536];
  while (true) {
    ssize_t n = read(pipe_fds[0], buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    if (run.out.size() <= base::kMaxFileBytes) run.out.append(buffer, static_cast<std::size_t>(n));
  }
  close(pipe_fds[0]);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  run.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

std::string Trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  return text;
}

fs::path Canonical(const std::string& path) {
  std::error_code ec;
  fs::path absolute = fs::absolute(path, ec);
  fs::path canonical = fs::weakly_canonical(absolute, ec);
  return ec ? absolute.lexically_normal() : canonical;
}

}  // namespace

base::Result<GitRevisionReader> GitRevisionReader::Open(const std::string& path,
                                                        const std::string& ref) {
  fs::path dir = Canonical(path).parent_path();
  auto top = RunGit({"-C", dir.string(), "rev-parse", "--show-toplevel"});
  if (!top.ok()) return top.error();
  if (top->status == 127) {
    return base::MakeError(base::ErrorCode::kUnavailable,
                           "--base needs the 'git' command, which was not found; install git "
                           "or use --base-file FILE");
  }
  if (top->status != 0 || Trimmed(top->out).empty()) {
    return base::MakeError(base::ErrorCode::kNotFound,
                           "--base: '" + path +
                               "' is not in a Git work tree; use --base-file FILE with the "
                               "manifest as last reviewed");
  }
  auto commit = RunGit({"-C", dir.string(), "rev-parse", "--verify", "--quiet", "--end-of-options",
                        ref + "^{commit}"});
  if (!commit.ok()) return commit.error();
  if (ref.empty() || commit->status != 0 || Trimmed(commit->out).empty()) {
    return base::MakeError(base::ErrorCode::kNotFound,
                           "--base: revision '" + ref + "' does not exist in the Git repository '" +
                               Trimmed(top->out) +
                               "'; fetch it first (in CI: a checkout with enough history, "
                               "e.g. fetch-depth: 0)");
  }
  return GitRevisionReader(Canonical(Trimmed(top->out)).string(), ref, Trimmed(commit->out));
}

base::Result<std::string> GitRevisionReader::Read(const std::string& path) const {
  fs::path relative = Canonical(path).lexically_relative(top_);
  if (relative.empty() || *relative.begin() == "..") {
    return base::MakeError(base::ErrorCode::kInvalidInput,
                           "'" + path + "' is outside the Git work tree '" + top_ +
                               "', so --base cannot read it at revision '" + ref_ + "'");
  }
  if (auto hit = cache_->find(relative.string()); hit != cache_->end()) return hit->second;
  auto blob = RunGit({"-C", top_, "cat-file", "blob", commit_ + ":" + relative.string()});
  if (!blob.ok()) return blob.error();
  if (blob->status != 0) {
    return base::MakeError(base::ErrorCode::kNotFound,
                           "'" + path + "' does not exist at revision '" + ref_ + "'");
  }
  if (blob->out.size() > base::kMaxFileBytes) {
    return base::MakeError(base::ErrorCode::kInvalidInput,
                           "'" + path + "' at revision '" + ref_ + "' is larger than " +
                               std::to_string(base::kMaxFileBytes) + " bytes");
  }
  (*cache_)[relative.string()] = blob->out;
  return std::move(blob->out);
}

}  // namespace mpctl::cli
