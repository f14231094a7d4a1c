// No duplicate clients: a create whose answer is lost on a reused connection, and a way out
// for duplicates that already exist.
#include <gmock/gmock.h>

#include <sstream>

#include "mpctl_e2e.h"

namespace mpctl::testing {
namespace {

class ApplyDuplicatesTest : public MpctlE2eTest {};

// The lines of `text` that start with `prefix`.
int CountLines(const std::string& text, const std::string& prefix) {
  std::istringstream in(text);
  int count = 0;
  for (std::string line; std::getline(in, line);) {
    if (line.starts_with(prefix)) ++count;
  }
  return count;
}

// "-v" logs one line per request that left the process ("POST /api/v1/clients -> ...") and
// one per extra send libcurl made on its own ("POST /api/v1/clients sent again by libcurl").
int LoggedPosts(const std::string& err) { return CountLines(err, "POST /api/v1/clients "); }

TEST_F(ApplyDuplicatesTest, LostCreateAnswerOnAReusedConnectionLeavesOneClient) {
  // The first successful POST /clients takes effect and its connection closes without a byte
  // of the answer. Two entries, so the second create runs on a connection used before.
  StartEmulator({"--lose-answer", "POST /api/v1/clients"});
  const auto entries = Entries(2);
  WriteManifest(entries);
  MpctlRun first = Mpctl({"-v", "apply", "--auto-approve", "--parallelism", "1"});
  EXPECT_EQ(emu_->Stats().faults["lost_answer"], 1) << first.err;
  int logged = LoggedPosts(first.err);
  MpctlRun again = Mpctl({"-v", "apply", "--auto-approve"});
  ASSERT_EQ(again.exit_code, 0) << first.err << again.err;
  logged += LoggedPosts(again.err);
  ExpectConverged(entries);
  // Every POST the emulator received was logged: none went out behind mpctl's back.
  EXPECT_EQ(emu_->Stats().Requests("POST /api/v1/clients"), logged) << first.err << again.err;
  EXPECT_EQ(Mpctl({"plan", "--detailed-exitcode"}).exit_code, 0);
}

}  // namespace
}  // namespace mpctl::testing
