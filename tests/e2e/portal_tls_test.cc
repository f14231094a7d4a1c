#include <gmock/gmock.h>

#include <cstdlib>

#include "portal_e2e.h"

namespace mpctl::portal {
namespace {

using ::testing::HasSubstr;

// A self-signed certificate for 127.0.0.1 (subjectAltName IP), made with the openssl tool.
void MakeCertificate(const std::string& dir) {
  std::string command = "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1"
                        " -addext subjectAltName=IP:127.0.0.1 -keyout " + dir + "/tls.key -out " +
                        dir + "/tls.crt 2>/dev/null";
  ASSERT_EQ(std::system(command.c_str()), 0) << command;
}

TEST_F(PortalE2eTest, SelfSignedHttpsIsRefusedWithoutCaFileAndAcceptedWithIt) {
  MakeCertificate(dir_);
  Start({"--tls-cert", dir_ + "/tls.crt", "--tls-key", dir_ + "/tls.key"});
  ASSERT_EQ(emu_->base_url().rfind("https://127.0.0.1:", 0), 0u) << emu_->base_url();

  auto untrusted = Connect(Environment(emu_->base_url()), Options());
  ASSERT_TRUE(untrusted.ok());
  auto refused = (*untrusted)->ListClients();
  ASSERT_FALSE(refused.ok());
  EXPECT_THAT(refused.error().message, HasSubstr("TLS failed"));
  EXPECT_THAT(refused.error().message, HasSubstr("pass it with --ca-file"));

  ConnectOptions options = Options();
  options.ca_file = dir_ + "/tls.crt";
  auto trusted = Connect(Environment(emu_->base_url()), options);
  ASSERT_TRUE(trusted.ok());
  auto state = FetchLiveState(**trusted, ReadOptions());
  ASSERT_TRUE(state.ok()) << state.error().message;
  ExpectSeededState(*state);
}

}  // namespace
}  // namespace mpctl::portal
