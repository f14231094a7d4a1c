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

TEST_F(ApplyDuplicatesTest, ResolveDuplicatesDeletesAllButTheOneThePlanNamed) {
  StartEmulator();
  const auto entries = Entries(2);
  WriteManifest(entries);
  ASSERT_EQ(Mpctl({"apply", "--auto-approve"}).exit_code, 0);
  const std::string kept = ClientOf("c00")->client_id;
  // A second client with c00's tag, made later (as a lost answer or a concurrent apply would).
  httplib::Client http(emu_->base_url());
  std::string body = std::string("{\"client_name\":\"Client c00\",\"description\":\"Client c00 ") +
                     "[mpctl:c00]\",\"scopes\":[\"" + kScope +
                     "\"],\"integration_type\":\"maskinporten\",\"application_type\":\"web\","
                     "\"token_endpoint_auth_method\":\"private_key_jwt\",\"grant_types\":"
                     "[\"urn:ietf:params:oauth:grant-type:jwt-bearer\"]}";
  auto made = http.Post("/api/v1/clients", {{"Authorization", "Bearer " + Token()}}, body,
                        "application/json");
  ASSERT_TRUE(made && made->status / 100 == 2) << (made ? made->body : "no answer");
  rapidjson::Document doc;
  doc.Parse(made->body.c_str());
  const std::string duplicate = doc["client_id"].GetString();

  MpctlRun plan = Mpctl({"plan"});
  EXPECT_EQ(plan.exit_code, 1);
  const std::string all = plan.out + plan.err;
  EXPECT_THAT(all, ::testing::HasSubstr("'" + kept + "' (created "));
  EXPECT_THAT(all, ::testing::HasSubstr("keys 'c00-key-1'"));
  EXPECT_THAT(all, ::testing::HasSubstr("'" + duplicate + "' (created "));
  EXPECT_THAT(all, ::testing::HasSubstr("mpctl would keep '" + kept + "'"));

  // Without the flag nothing is deleted; with it, the plan shows the deletion.
  EXPECT_EQ(Mpctl({"apply", "--auto-approve"}).exit_code, 1);
  EXPECT_EQ(Clients().size(), 3u);
  MpctlRun shown = Mpctl({"plan", "--resolve-duplicates"});
  EXPECT_EQ(shown.exit_code, 0) << shown.err;
  EXPECT_THAT(shown.out, ::testing::HasSubstr(duplicate));
  MpctlRun resolved = Mpctl({"apply", "--resolve-duplicates", "--auto-approve"});
  ASSERT_EQ(resolved.exit_code, 0) << resolved.out << resolved.err;
  ExpectConverged(entries);
  EXPECT_EQ(ClientOf("c00")->client_id, kept);
  EXPECT_EQ(Mpctl({"plan", "--detailed-exitcode"}).exit_code, 0);
}

}  // namespace
}  // namespace mpctl::testing
