// Runs every command `mpctl --help` lists, with -v, against the emulator and checks that no
// secret reaches stdout or stderr: not the admin key's base64 body, and no JWT at all (every
// grant and access token is a JWT, and a JWT always starts with "eyJ").
#include <gmock/gmock.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "base/strings.h"
#include "portal_e2e.h"
#include "support/mpctl_cli.h"

namespace mpctl::portal {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

const std::string kMpctl = MPCTL_BINARY_DIR "/cmd/mpctl/mpctl";

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST_F(PortalE2eTest, NoCommandPrintsASecretWithVerbose) {
  Start({});
  std::ofstream(dir_ + "/mpctl.yaml")
      << testing::AdminFixture::ManifestHead(emu_->base_url(), "key_env: MPCTL_E2E_ADMIN_KEY")
      << "clients:\n"
         "  sync:\n"
         "    scopes: [skatt:demo/read]\n"
         "    keys:\n"
         "      - kid: sync-key-1\n"
         "        pem_file: admin.pub.pem\n";
  base::Secret pem = admin_->key().ToPem();
  std::string key_b64 = base::Base64Encode(pem.Reveal());
  ASSERT_EQ(setenv("MPCTL_E2E_ADMIN_KEY", key_b64.c_str(), 1), 0);

  ASSERT_EQ(std::system((kMpctl + " --help > " + dir_ + "/help.txt").c_str()), 0);
  std::vector<std::string> commands = testing::ListedCommands(ReadFile(dir_ + "/help.txt"));
  ASSERT_FALSE(commands.empty());

  std::vector<std::string> secrets = {"eyJ", "Bearer", key_b64.substr(0, 40),
                                      key_b64.substr(key_b64.size() / 2, 40)};
  for (const auto& line : base::Split(pem.Reveal(), '\n')) {
    if (line.size() > 20 && !base::StartsWith(line, "-----")) secrets.push_back(line);
  }
  for (const auto& command : commands) {
    std::string out = dir_ + "/" + command + ".out";
    std::string run =
        "cd " + dir_ + " && " + kMpctl + " -v " + command + " -f mpctl.yaml > " + out + " 2>&1";
    std::system(run.c_str());
    std::string output = ReadFile(out);
    for (const auto& secret : secrets) {
      EXPECT_THAT(output, Not(HasSubstr(secret))) << "mpctl -v " << command;
    }
  }
  unsetenv("MPCTL_E2E_ADMIN_KEY");
}

}  // namespace
}  // namespace mpctl::portal
