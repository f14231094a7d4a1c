#include "support/mpctl_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>

#include "base/check.h"

namespace mpctl::testing {

namespace {

// The command line and environment of one mpctl run, built before fork(): the parent has
// threads (servers, emulators), so the child may only make async-signal-safe calls until
// execve; allocating there can deadlock on a lock another thread held at fork time.
struct ExecArgs {
  explicit ExecArgs(const MpctlCall& call) {
    // MPCTL_E2E_MPCTL runs the tests against another build, e.g. one of the code before a
    // fix, to show that a new test fails there.
    const char* other = std::getenv("MPCTL_E2E_MPCTL");
    binary = other != nullptr && *other != '\0' ? other : MPCTL_BINARY_DIR "/cmd/mpctl/mpctl";
    args = {binary};
    args.insert(args.end(), call.args.begin(), call.args.end());
    env = call.env;
    env.push_back("PATH=/usr/bin:/bin");
    env.push_back("NO_COLOR=1");
    for (auto& a : args) argv.push_back(a.data());
    for (auto& e : env) envp.push_back(e.data());
    argv.push_back(nullptr);
    envp.push_back(nullptr);
  }
  std::string binary;
  std::vector<std::string> args, env;
  std::vector<char*> argv, envp;
};

// In the child: only async-signal-safe calls.
[[noreturn]] void Exec(const ExecArgs& exec, const std::string& dir, int in_fd, int out_fd,
                       int err_fd) {
  dup2(in_fd, STDIN_FILENO);
  dup2(out_fd, STDOUT_FILENO);
  dup2(err_fd, STDERR_FILENO);
  if (!dir.empty() && chdir(dir.c_str()) != 0) _exit(126);
  execve(exec.binary.c_str(), exec.argv.data(), exec.envp.data());
  _exit(127);
}

// A descriptor to read `text` from: /dev/null when empty, else an unlinked temporary file.
int StdinFor(const std::string& text) {
  if (text.empty()) return open("/dev/null", O_RDONLY);
  char path[] = "/tmp/mpctl-stdin-XXXXXX";
  int fd = mkstemp(path);
  MPCTL_CHECK(fd >= 0);
  unlink(path);
  MPCTL_CHECK(write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()));
  MPCTL_CHECK(lseek(fd, 0, SEEK_SET) == 0);
  return fd;
}

}  // namespace

MpctlRun RunMpctl(const MpctlCall& call) {
  int in_fd = StdinFor(call.stdin_text);
  int out_pipe[2], err_pipe[2];
  MPCTL_CHECK(pipe(out_pipe) == 0 && pipe(err_pipe) == 0);
  const ExecArgs exec(call);
  pid_t pid = fork();
  MPCTL_CHECK(pid >= 0);
  if (pid == 0) {
    close(out_pipe[0]);
    close(err_pipe[0]);
    Exec(exec, call.dir, in_fd, out_pipe[1], err_pipe[1]);
  }
  close(in_fd);
  close(out_pipe[1]);
  close(err_pipe[1]);
  MpctlRun run;
  std::string pending;  // stderr not yet ended by a newline
  pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}};
  int open_fds = 2;
  char buffer[4096];
  while (open_fds > 0) {
    if (poll(fds, 2, -1) < 0) continue;
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || fds[i].revents == 0) continue;
      ssize_t n = read(fds[i].fd, buffer, sizeof buffer);
      if (n <= 0) {
        close(fds[i].fd);
        fds[i].fd = -1;
        --open_fds;
        continue;
      }
      (i == 0 ? run.out : run.err).append(buffer, static_cast<std::size_t>(n));
      if (i == 1 && call.kill_when && !run.killed) {
        pending.append(buffer, static_cast<std::size_t>(n));
        for (auto end = pending.find('\n'); end != std::string::npos && !run.killed;
             end = pending.find('\n')) {
          std::string line = pending.substr(0, end);
          pending.erase(0, end + 1);
          if (call.kill_when(line)) {
            kill(pid, SIGKILL);
            run.killed = true;
          }
        }
      }
    }
  }
  int status = 0;
  waitpid(pid, &status, 0);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

}  // namespace mpctl::testing
