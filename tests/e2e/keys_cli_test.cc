// Runs the built mpctl binary: keys generate and keys inspect.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <regex>
#include <string>

#include "crypto/keys.h"
#include "support/mpctl_cli.h"
#include "support/scoped_temp_dir.h"
#include "support/test_keys.h"

namespace mpctl::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

namespace fs = std::filesystem;

class KeysCliTest : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = temp_.path(); }

  CliOutcome Generate(const std::string& kid, std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"keys", "generate", "--kid", kid, "--out-dir", "keys"};
    args.insert(args.end(), extra.begin(), extra.end());
    return RunMpctl(args, dir_);
  }
  // The value after "thumbprint:" in `keys inspect` output.
  static std::string InspectedThumbprint(const std::string& out) {
    std::smatch m;
    std::regex pattern("thumbprint: +([A-Za-z0-9_-]+)");
    return std::regex_search(out, m, pattern) ? m[1].str() : "";
  }
  std::string Path(const std::string& name) const { return dir_ + "/" + name; }

  ::mpctl::testing::ScopedTempDir temp_{"mpctl-keys"};
  std::string dir_;
};

constexpr char kKid[] = "acme-invoice-sync-test-2026-11";

TEST_F(KeysCliTest, BadKidIsRefusedAndNothingIsWritten) {
  CliOutcome o = Generate("bad kid");
  EXPECT_EQ(o.exit_code, 1);
  EXPECT_EQ(o.err,
            "mpctl: error: kid 'bad kid' may contain only letters, digits, '.', '_' "
            "and '-'\n");
  EXPECT_FALSE(fs::exists(Path("keys")));
}

TEST_F(KeysCliTest, InsideAGitWorkTreeItRefusesWithoutForce) {
  fs::create_directories(Path("repo/.git"));
  CliOutcome o = RunMpctl({"keys", "generate", "--kid", kKid, "--out-dir", "repo/keys"}, dir_);
  EXPECT_EQ(o.exit_code, 1);
  EXPECT_THAT(o.err, HasSubstr("'repo/keys' is inside the git work tree '" + Path("repo") +
                               "'; nothing was written"));
  EXPECT_THAT(o.err, HasSubstr("outside any repository"));
  EXPECT_FALSE(fs::exists(Path("repo/keys")));
  CliOutcome forced =
      RunMpctl({"keys", "generate", "--kid", kKid, "--out-dir", "repo/keys", "--force"}, dir_);
  EXPECT_EQ(forced.exit_code, 0) << forced.err;
  EXPECT_TRUE(fs::exists(Path("repo/keys/") + kKid + ".pem"));
}

TEST_F(KeysCliTest, UnsupportedSizeIsRefused) {
  CliOutcome o = Generate(kKid, {"--bits", "1024"});
  EXPECT_EQ(o.exit_code, 1);
  EXPECT_THAT(o.err, HasSubstr("RSA key size 1024 is not supported; use 2048, 3072 or 4096"));
  EXPECT_FALSE(fs::exists(Path("keys/") + kKid + ".pem"));
}

TEST_F(KeysCliTest, MissingKidIsAnError) {
  CliOutcome o = RunMpctl({"keys", "generate", "--out-dir", "k"}, dir_);
  EXPECT_EQ(o.exit_code, 1);
  EXPECT_THAT(o.err, HasSubstr("'--kid' is required"));
}

TEST_F(KeysCliTest, KidWithoutDateOrEnvironmentGetsWarnings) {
  CliOutcome o = Generate("invoice-sync");
  EXPECT_EQ(o.exit_code, 0) << o.err;
  EXPECT_EQ(o.err,
            "mpctl: warning: kid 'invoice-sync' has no environment part (test, prod, ...) and no "
            "date part (yyyy-mm); kids must be unique across all of Maskinporten, so name them "
            "<owner>-<client>-<env>-<yyyy-mm>, e.g. 'payments-invoice-sync-test-2026-11'\n");
  EXPECT_THAT(Generate("acme-sync-test").err, HasSubstr("has no date part (yyyy-mm); kids"));
  EXPECT_EQ(Generate("acme-sync-prod-2026-11").err, "");
}

TEST_F(KeysCliTest, GenerateWritesPrivateKeyWithMode0600AndPrintsManifestLines) {
  CliOutcome o = Generate(kKid, {"--bits", "3072"});
  ASSERT_EQ(o.exit_code, 0) << o.err;
  EXPECT_EQ(o.err, "");
  struct stat st {};
  ASSERT_EQ(::stat(Path("keys/acme-invoice-sync-test-2026-11.pem").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600);
  EXPECT_THAT(o.out, HasSubstr("      - kid: acme-invoice-sync-test-2026-11\n"
                               "        pem_file: keys/acme-invoice-sync-test-2026-11.pub.pem\n"));
  EXPECT_THAT(o.out, HasSubstr("RSA 3072 bits"));
  EXPECT_THAT(o.out, Not(HasSubstr("PRIVATE KEY-----")));
  std::string private_pem = ReadWholeFile(Path("keys/acme-invoice-sync-test-2026-11.pem"));
  EXPECT_THAT(private_pem, HasSubstr("-----BEGIN PRIVATE KEY-----"));
  EXPECT_THAT(o.out, Not(HasSubstr(private_pem.substr(40, 40))));
}

TEST_F(KeysCliTest, JwkAndPemHaveTheSameThumbprintInInspect) {
  ASSERT_EQ(Generate(kKid).exit_code, 0);
  std::string jwk = ReadWholeFile(Path("keys/acme-invoice-sync-test-2026-11.jwk.json"));
  for (const char* member : {"\"kty\":\"RSA\"", "\"use\":\"sig\"", "\"alg\":\"RS256\"",
                             "\"kid\":\"acme-invoice-sync-test-2026-11\"", "\"n\":", "\"e\":"}) {
    EXPECT_THAT(jwk, HasSubstr(member));
  }
  CliOutcome from_pem =
      RunMpctl({"keys", "inspect", "keys/acme-invoice-sync-test-2026-11.pub.pem"}, dir_);
  CliOutcome from_jwk = RunMpctl({"keys", "inspect", "-"}, dir_, {}, jwk);
  ASSERT_EQ(from_pem.exit_code, 0) << from_pem.err;
  ASSERT_EQ(from_jwk.exit_code, 0) << from_jwk.err;
  EXPECT_THAT(from_pem.out, HasSubstr("kid:         -\n"));
  EXPECT_THAT(from_pem.out, HasSubstr("type:        PEM public key"));
  EXPECT_THAT(from_pem.out, HasSubstr("size:        2048 bits\n"));
  EXPECT_THAT(from_jwk.out, HasSubstr("kid:         acme-invoice-sync-test-2026-11\n"));
  std::string thumbprint = InspectedThumbprint(from_pem.out);
  ASSERT_FALSE(thumbprint.empty()) << from_pem.out;
  EXPECT_EQ(InspectedThumbprint(from_jwk.out), thumbprint);
  // And independently of the CLI, from the PEM file through lib/crypto.
  auto parsed =
      crypto::ParsePublicKey(ReadWholeFile(Path("keys/acme-invoice-sync-test-2026-11.pub.pem")),
                             crypto::PrivateKeyPolicy::kReject);
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(crypto::Thumbprint(parsed->key), thumbprint);
}

TEST_F(KeysCliTest, GeneratedKeysLoadInAManifest) {
  ASSERT_EQ(Generate(kKid).exit_code, 0);
  ASSERT_EQ(Generate("acme-invoice-sync-test-2026-12").exit_code, 0);
  WriteWholeFile(Path("mpctl.yaml"), R"(apiVersion: mpctl/v1
environments:
  test:
    organization: "310000108"
    api_url: http://127.0.0.1:1/api/v1
    auth_server: http://127.0.0.1:1/
    admin_client: {client_id: admin, token_env: MPCTL_TOKEN}
clients:
  invoice-sync:
    scopes: [skatt:demo/read]
    keys:
      - kid: acme-invoice-sync-test-2026-11
        pem_file: keys/acme-invoice-sync-test-2026-11.pub.pem
      - kid: acme-invoice-sync-test-2026-12
        jwk_file: keys/acme-invoice-sync-test-2026-12.jwk.json
)");
  CliOutcome o = RunMpctl({"validate"}, dir_, {"MPCTL_TOKEN=t"});
  EXPECT_EQ(o.exit_code, 0) << o.err;
  EXPECT_EQ(o.out, "test: organization 310000108, 1 client, 2 keys, 0 scopes\n");
}

TEST_F(KeysCliTest, ExistingFilesAreNotOverwrittenWithoutForce) {
  ASSERT_EQ(Generate(kKid).exit_code, 0);
  std::string before = ReadWholeFile(Path("keys/acme-invoice-sync-test-2026-11.pem"));
  CliOutcome again = Generate(kKid);
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_THAT(again.err, HasSubstr("mpctl: error: 'keys/acme-invoice-sync-test-2026-11.pem' "
                                   "exists; nothing was written"));
  EXPECT_EQ(ReadWholeFile(Path("keys/acme-invoice-sync-test-2026-11.pem")), before);

  ::chmod(Path("keys/acme-invoice-sync-test-2026-11.pem").c_str(), 0644);
  CliOutcome forced = Generate(kKid, {"--force"});
  EXPECT_EQ(forced.exit_code, 0) << forced.err;
  EXPECT_NE(ReadWholeFile(Path("keys/acme-invoice-sync-test-2026-11.pem")), before);
  struct stat st {};
  ASSERT_EQ(::stat(Path("keys/acme-invoice-sync-test-2026-11.pem").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600);
}

TEST_F(KeysCliTest, OnlyThePublicJwkFileExistingAlsoBlocks) {
  WriteWholeFile(Path("keys/acme-invoice-sync-test-2026-11.jwk.json"), "{}");
  CliOutcome o = Generate(kKid);
  EXPECT_EQ(o.exit_code, 1);
  EXPECT_FALSE(fs::exists(Path("keys/acme-invoice-sync-test-2026-11.pem")));
}

TEST_F(KeysCliTest, InspectOfAPrivateKeyShowsOnlyThePublicPart) {
  std::string private_pem = GenerateRsaPem(2048);
  WriteWholeFile(Path("private.pem"), private_pem);
  CliOutcome o = RunMpctl({"keys", "inspect", "private.pem"}, dir_);
  EXPECT_EQ(o.exit_code, 0) << o.err;
  EXPECT_EQ(o.err,
            "mpctl: warning: input was a PRIVATE key; only its public part is shown — keep the "
            "private key out of the manifest and the repository\n");
  EXPECT_THAT(o.out, Not(HasSubstr("\"d\"")));
  EXPECT_THAT(o.out, Not(HasSubstr("PRIVATE")));
  auto spki = crypto::ParsePublicKey(SpkiPem(private_pem), crypto::PrivateKeyPolicy::kReject);
  ASSERT_TRUE(spki.ok());
  EXPECT_EQ(InspectedThumbprint(o.out), crypto::Thumbprint(spki->key));
}

TEST_F(KeysCliTest, InspectOfACertificateAndOfBadInput) {
  std::string private_pem = GenerateRsaPem(2048);
  WriteWholeFile(Path("cert.pem"), SelfSignedCertificatePem(private_pem));
  CliOutcome cert = RunMpctl({"keys", "inspect", "cert.pem"}, dir_);
  EXPECT_EQ(cert.exit_code, 0) << cert.err;
  EXPECT_THAT(cert.out, HasSubstr("certificate"));

  WriteWholeFile(Path("junk.txt"), "hello");
  CliOutcome junk = RunMpctl({"keys", "inspect", "junk.txt"}, dir_);
  EXPECT_EQ(junk.exit_code, 1);
  EXPECT_EQ(junk.err,
            "mpctl: error: junk.txt: is not a PEM public key, certificate, JWK or "
            "base64 of one\n");
  CliOutcome missing = RunMpctl({"keys", "inspect", "nope.pem"}, dir_);
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_THAT(missing.err, HasSubstr("nope.pem"));
}

TEST_F(KeysCliTest, UnknownSubcommand) {
  CliOutcome o = RunMpctl({"keys", "rotate"});
  EXPECT_EQ(o.exit_code, 1);
  EXPECT_EQ(o.err, "mpctl: error: unknown keys subcommand 'rotate'; use 'generate' or 'inspect'\n");
  EXPECT_EQ(RunMpctl({"keys", "--help"}).exit_code, 0);
  CliOutcome no_file = RunMpctl({"keys", "inspect"});
  EXPECT_EQ(no_file.exit_code, 1);
  EXPECT_EQ(no_file.err, "mpctl: error: give the key file to inspect, or '-' to read stdin\n");
}

}  // namespace
}  // namespace mpctl::testing
