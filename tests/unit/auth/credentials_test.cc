#include "auth/credentials.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>

#include "base/strings.h"
#include "support/test_keys.h"

namespace mpctl::auth {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class MapFiles final : public base::FileReader {
 public:
  base::Result<std::string> Read(const std::string& path) const override {
    auto it = files.find(path);
    if (it == files.end()) {
      return base::MakeError(base::ErrorCode::kNotFound, path + ": no such file");
    }
    return it->second;
  }
  std::map<std::string, std::string> files;
};

class CredentialsTest : public ::testing::Test {
 protected:
  AuthDeps Deps() {
    return AuthDeps{nullptr, std::make_shared<base::FixedClock>(0), &files_,
                    [this](const std::string& name) -> std::optional<base::Secret> {
                      auto it = env_.find(name);
                      if (it == env_.end()) return std::nullopt;
                      return base::Secret(it->second);
                    }};
  }
  AdminAuthConfig Config() {
    AdminAuthConfig config;
    config.client_id = "admin";
    config.auth_server = "https://test.maskinporten.no/";
    config.kid = "kid-1";
    return config;
  }
  MapFiles files_;
  std::map<std::string, std::string> env_;
};

TEST_F(CredentialsTest, ExactlyOneWayMustBeSet) {
  AdminAuthConfig config = Config();
  auto none = MakeTokenSource(config, Deps());
  ASSERT_FALSE(none.ok());
  EXPECT_THAT(none.error().message, HasSubstr("exactly one of key_file, key_env"));
  config.key_file = "a.pem";
  config.token_env = "T";
  EXPECT_FALSE(MakeTokenSource(config, Deps()).ok());
}

TEST_F(CredentialsTest, UnsetVariableIsNamed) {
  AdminAuthConfig config = Config();
  config.key_env = "MPCTL_TEST_ADMIN_KEY";
  auto source = MakeTokenSource(config, Deps());
  ASSERT_FALSE(source.ok());
  EXPECT_EQ(source.error().message,
            "environment variable 'MPCTL_TEST_ADMIN_KEY' (key_env) is not set");
}

TEST_F(CredentialsTest, KeyFromFileOrBase64VariableWorks) {
  std::string pem = testing::GenerateRsaPem();
  files_.files["admin.pem"] = pem;
  env_["KEY_B64"] = base::Base64Encode(pem);
  AdminAuthConfig from_file = Config();
  from_file.key_file = "admin.pem";
  EXPECT_TRUE(MakeTokenSource(from_file, Deps()).ok());
  AdminAuthConfig from_env = Config();
  from_env.key_env = "KEY_B64";
  auto source = MakeTokenSource(from_env, Deps());
  EXPECT_TRUE(source.ok()) << source.error().message;
}

TEST_F(CredentialsTest, KeyNeedsAKid) {
  files_.files["admin.pem"] = testing::GenerateRsaPem();
  AdminAuthConfig config = Config();
  config.kid.clear();
  config.key_file = "admin.pem";
  auto source = MakeTokenSource(config, Deps());
  ASSERT_FALSE(source.ok());
  EXPECT_THAT(source.error().message, HasSubstr("needs a kid"));
}

TEST_F(CredentialsTest, BadKeyMaterialIsNeverQuoted) {
  env_["KEY"] = "SENTINEL-NOT-A-KEY-0123456789";
  AdminAuthConfig config = Config();
  config.key_env = "KEY";
  auto source = MakeTokenSource(config, Deps());
  ASSERT_FALSE(source.ok());
  EXPECT_THAT(source.error().message, HasSubstr("environment variable 'KEY'"));
  EXPECT_THAT(source.error().message, Not(HasSubstr("SENTINEL")));
}

TEST_F(CredentialsTest, CertificateNeedsItsPasswordAndNeverShowsIt) {
  std::string pem = testing::GenerateRsaPem();
  files_.files["cert.p12"] =
      testing::MakePkcs12(pem, testing::SelfSignedCertificatePem(pem), {}, "right-password");
  env_["P12_PASSWORD"] = "SENTINEL-WRONG-PASSWORD";
  AdminAuthConfig config = Config();
  config.certificate_file = "cert.p12";
  config.password_env = "P12_PASSWORD";
  auto wrong = MakeTokenSource(config, Deps());
  ASSERT_FALSE(wrong.ok());
  EXPECT_THAT(wrong.error().message, HasSubstr("wrong password"));
  EXPECT_THAT(wrong.error().message, Not(HasSubstr("SENTINEL")));
  env_["P12_PASSWORD"] = "right-password";
  auto right = MakeTokenSource(config, Deps());
  EXPECT_TRUE(right.ok()) << right.error().message;
}

TEST_F(CredentialsTest, TokenVariableGivesThatToken) {
  env_["TOKEN"] = "external-token";
  AdminAuthConfig config = Config();
  config.token_env = "TOKEN";
  auto source = MakeTokenSource(config, Deps());
  ASSERT_TRUE(source.ok());
  EXPECT_EQ((*source)->Token({"idporten:dcr.read"})->Reveal(), "external-token");
}

}  // namespace
}  // namespace mpctl::auth
