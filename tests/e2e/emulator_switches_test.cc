// The emulator's switches for behaviour the real API may not share (issue 17): --admin-auth,
// --require-content-type, --trailing-slash, --algs, and strict base64 in x5c and JWKs; each
// in both positions. Keys and certificates are made at run time.
#include <sys/wait.h>

#include <chrono>
#include <fstream>

#include "base/strings.h"
#include "crypto/keys.h"
#include "emulator_e2e.h"
#include "support/mpctl_process.h"
#include "support/test_keys.h"

namespace mpctl::testing {
namespace {

constexpr const char* kCaSeed = "certificate_authorities:\n  - certificate_file: ca.pem\n";

std::string ToUrlSafe(std::string text) {
  for (char& c : text) {
    if (c == '+') c = '-';
    if (c == '/') c = '_';
  }
  while (!text.empty() && text.back() == '=') text.pop_back();
  return text;
}

class EmulatorSwitchesTest : public EmulatorE2eTest {
 protected:
  // A test CA (its certificate at dir_/ca.pem for the seed) and a business key.
  void MakeCa() {
    ca_key_ = GenerateRsaPem();
    ca_cert_ = CaCertificatePem(ca_key_, "mpctl test CA");
    std::ofstream(dir_ + "/ca.pem") << ca_cert_;
    business_key_ = GenerateRsaPem();
  }
  // A certificate for business_key_ issued by the test CA to `orgno`.
  std::string BusinessCertificate(const std::string& orgno) const {
    CertificateOptions options;
    options.orgno = orgno;
    return IssueCertificatePem(business_key_, "Acme AS", ca_key_, "mpctl test CA", options);
  }
  // Starts the emulator without asking for a kid token (certificate mode refuses those).
  void StartWithoutToken(std::vector<std::string> flags, const std::string& extra_yaml) {
    admin_ = std::make_unique<AdminFixture>(dir_, extra_yaml);
    std::vector<std::string> args = admin_->EmulatorArgs();
    args.insert(args.end(), flags.begin(), flags.end());
    emu_ = EmulatorProcess::Start(args, dir_);
    ASSERT_TRUE(emu_);
  }
  // POSTs a grant for acme-admin signed by `key_pem` with header x5c = `x5c`.
  Reply PostX5cGrant(const std::string& key_pem, const std::vector<std::string>& x5c) {
    auto key = crypto::PrivateKey::FromPem(base::Secret(key_pem), "test key");
    EXPECT_TRUE(key.ok());
    std::string header = "{\"alg\":\"RS256\",\"x5c\":[";
    for (std::size_t i = 0; i < x5c.size(); ++i) {
      header += (i ? "," : "") + base::JsonQuote(x5c[i]);
    }
    header += "],\"typ\":\"JWT\"}";
    std::int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                           std::chrono::system_clock::now().time_since_epoch())
                           .count();
    std::string claims =
        "{\"aud\":" + base::JsonQuote(emu_->base_url() + "/") +
        ",\"iss\":\"acme-admin\",\"scope\":\"idporten:dcr.read\",\"iat\":" + std::to_string(now) +
        ",\"exp\":" + std::to_string(now + 60) +
        ",\"jti\":" + base::JsonQuote(base::HexEncode(crypto::RandomBytes(8))) + "}";
    auto [status, body] = PostGrant(emu_->base_url(), SignJwt(*key, "RS256", header, claims));
    Reply reply;
    reply.status = status;
    reply.body = body;
    reply.json.Parse(body.c_str());
    return reply;
  }
  Reply PostKidGrant() {
    auto [status, body] = PostGrant(emu_->base_url(), admin_->Grant(emu_->base_url(), {}));
    Reply reply;
    reply.status = status;
    reply.body = body;
    return reply;
  }
  static std::string B64(const std::string& pem) { return base::Base64Encode(PemToDer(pem)); }
  std::string RegisteredKeySelfSigned() const {
    return SelfSignedCertificatePem(std::string(admin_->key().ToPem().Reveal()));
  }

  // A JWK of a new key as JSON, with `alg` and, when given, `n` replaced.
  static std::string Jwk(const std::string& kid, const std::string& alg, std::string* n_out) {
    auto parsed =
        crypto::ParsePublicKey(SpkiPem(GenerateRsaPem()), crypto::PrivateKeyPolicy::kReject);
    MPCTL_CHECK(parsed.ok());
    if (n_out != nullptr) *n_out = parsed->key.n;
    return crypto::PublicJwkJson(parsed->key, kid, alg);
  }

  std::string ca_key_, ca_cert_, business_key_;
};

// --admin-auth ------------------------------------------------------------------------------

TEST_F(EmulatorSwitchesTest, AdminAuthCertificateTakesOnlyCaIssuedCertificatesOfTheOrg) {
  MakeCa();
  StartWithoutToken({"--admin-auth", "certificate"}, kCaSeed);
  std::string leaf = BusinessCertificate(AdminFixture::kOrgno);

  Reply ok = PostX5cGrant(business_key_, {B64(leaf), B64(ca_cert_)});
  ASSERT_EQ(ok.status, 200) << ok.body;
  std::string token = ok.json["access_token"].GetString();
  auto claims = base::Base64UrlDecode(base::Split(token, '.')[1]);
  ASSERT_TRUE(claims);
  EXPECT_NE(claims->find("\"client_amr\":\"virksomhetssertifikat\""), std::string::npos);
  EXPECT_EQ(Call("GET", "/api/v1/clients", "", token).status, 200);
  // The leaf alone is enough when the CA issued it directly.
  EXPECT_EQ(PostX5cGrant(business_key_, {B64(leaf)}).status, 200);

  Reply kid = PostKidGrant();
  EXPECT_EQ(kid.status, 400);
  EXPECT_NE(kid.body.find("--admin-auth certificate"), std::string::npos) << kid.body;

  // A self-signed certificate of the org, even of the registered key, is refused.
  CertificateOptions self;
  self.orgno = AdminFixture::kOrgno;
  std::string self_signed =
      IssueCertificatePem(business_key_, "Acme AS", business_key_, "Acme AS", self);
  Reply refused = PostX5cGrant(business_key_, {B64(self_signed)});
  EXPECT_EQ(refused.status, 400);
  EXPECT_NE(refused.body.find("MP-120"), std::string::npos) << refused.body;
  EXPECT_EQ(
      PostX5cGrant(std::string(admin_->key().ToPem().Reveal()), {B64(RegisteredKeySelfSigned())})
          .status,
      400);

  Reply other_org = PostX5cGrant(business_key_, {B64(BusinessCertificate("974761076"))});
  EXPECT_EQ(other_org.status, 400);
  EXPECT_NE(other_org.body.find("MP-122"), std::string::npos) << other_org.body;

  // RFC 7515 §4.1.6: x5c is standard base64; the URL-safe alphabet is refused.
  std::string url_safe = ToUrlSafe(B64(leaf));
  ASSERT_NE(url_safe, B64(leaf));
  Reply base64url = PostX5cGrant(business_key_, {url_safe});
  EXPECT_EQ(base64url.status, 400);
  EXPECT_NE(base64url.body.find("MP-123"), std::string::npos) << base64url.body;
}

TEST_F(EmulatorSwitchesTest, AdminAuthCertificateLetsMpctlSignInWithPkcs12) {
  MakeCa();
  StartWithoutToken({"--admin-auth", "certificate"}, kCaSeed);
  std::string leaf = BusinessCertificate(AdminFixture::kOrgno);
  std::ofstream(dir_ + "/admin.p12", std::ios::binary)
      << MakePkcs12(business_key_, leaf, {ca_cert_}, "p12-password");
  std::ofstream(dir_ + "/keys.pub.pem") << SpkiPem(GenerateRsaPem());
  std::ofstream(dir_ + "/mpctl.yaml")
      << "apiVersion: mpctl/v1\nenvironments:\n  test:\n    organization: \""
      << AdminFixture::kOrgno << "\"\n    api_url: " << emu_->base_url()
      << "/api/v1\n    auth_server: " << emu_->base_url()
      << "/\n    admin_client: {client_id: acme-admin, certificate_file: admin.p12, "
         "password_env: MPCTL_E2E_P12_PASSWORD}\n"
         "clients:\n  batch:\n    display_name: Batch\n    scopes: [skatt:demo/read]\n"
         "    keys: [{kid: batch-1, pem_file: keys.pub.pem}]\n";
  MpctlRun apply = RunMpctl({.args = {"apply", "--auto-approve"},
                             .dir = dir_,
                             .env = {"MPCTL_E2E_P12_PASSWORD=p12-password"}});
  EXPECT_EQ(apply.exit_code, 0) << apply.err;
  MpctlRun plan = RunMpctl({.args = {"plan", "--detailed-exitcode"},
                            .dir = dir_,
                            .env = {"MPCTL_E2E_P12_PASSWORD=p12-password"}});
  EXPECT_EQ(plan.exit_code, 0) << plan.err;
  EXPECT_EQ(plan.err.find("p12-password"), std::string::npos);
}

TEST_F(EmulatorSwitchesTest, AdminAuthKeyRefusesCertificates) {
  MakeCa();
  Start({"--admin-auth", "key"}, kCaSeed);  // the kid token works
  EXPECT_EQ(PostKidGrant().status, 200);
  Reply registered =
      PostX5cGrant(std::string(admin_->key().ToPem().Reveal()), {B64(RegisteredKeySelfSigned())});
  EXPECT_EQ(registered.status, 400);
  EXPECT_NE(registered.body.find("--admin-auth key"), std::string::npos) << registered.body;
  EXPECT_EQ(PostX5cGrant(business_key_, {B64(BusinessCertificate(AdminFixture::kOrgno))}).status,
            400);
}

TEST_F(EmulatorSwitchesTest, AdminAuthAnyTakesKidsRegisteredCertificatesAndCaIssuedOnes) {
  MakeCa();
  Start({}, kCaSeed);
  EXPECT_EQ(PostKidGrant().status, 200);
  EXPECT_EQ(
      PostX5cGrant(std::string(admin_->key().ToPem().Reveal()), {B64(RegisteredKeySelfSigned())})
          .status,
      200);
  Reply business = PostX5cGrant(business_key_, {B64(BusinessCertificate(AdminFixture::kOrgno))});
  EXPECT_EQ(business.status, 200) << business.body;
  Reply other_org = PostX5cGrant(business_key_, {B64(BusinessCertificate("974761076"))});
  EXPECT_EQ(other_org.status, 400);
}

TEST_F(EmulatorSwitchesTest, BadAdminAuthValueStopsTheEmulator) {
  std::string command = std::string(MPCTL_BINARY_DIR "/cmd/mpctl-emulator/mpctl-emulator ") +
                        "--admin-auth cert > /dev/null 2> " + dir_ + "/err.txt";
  int status = std::system(command.c_str());
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 2);
  std::ifstream err(dir_ + "/err.txt");
  std::string text((std::istreambuf_iterator<char>(err)), std::istreambuf_iterator<char>());
  EXPECT_EQ(text, "mpctl-emulator: error: --admin-auth 'cert' is not any, certificate or key\n");
}

// --require-content-type --------------------------------------------------------------------

TEST_F(EmulatorSwitchesTest, RequireContentTypeOnAnswers415ForAWriteThatIsNotJson) {
  Start();
  Reply text = Call("POST", "/api/v1/clients", ClientBody("a"), "\x01", "text/plain");
  EXPECT_EQ(text.status, 415) << text.body;
  ASSERT_TRUE(text.json.IsObject());
  EXPECT_EQ(text.json["status"].GetInt(), 415);
  EXPECT_EQ(FirstError(text), "Content-Type 'text/plain' is not supported; send application/json");
  Reply form = Call("PUT", "/api/v1/scopes?scope=acme%3Ax", "{}", "\x01",
                    "application/x-www-form-urlencoded");
  EXPECT_EQ(form.status, 415);
  EXPECT_EQ(Call("GET", "/api/v1/clients").status, 200);  // reads are not affected
  EXPECT_EQ(
      Call("POST", "/api/v1/clients", ClientBody("b"), "\x01", "application/json; charset=utf-8")
          .status,
      200);
  EXPECT_EQ(Call("GET", "/api/v1/clients").json.Size(), 1u);
}

TEST_F(EmulatorSwitchesTest, RequireContentTypeOffReadsAnyBodyAsJson) {
  Start({"--require-content-type", "off"});
  Reply text = Call("POST", "/api/v1/clients", ClientBody("a"), "\x01", "text/plain");
  EXPECT_EQ(text.status, 200) << text.body;
}

// --trailing-slash --------------------------------------------------------------------------

TEST_F(EmulatorSwitchesTest, TrailingSlashIs404ByDefault) {
  Start();
  std::string id = CreateClient("a");
  for (const std::string& path : std::vector<std::string>{"/api/v1/clients/", "/api/v1/scopes/",
                                                          "/api/v1/clients/" + id + "/"}) {
    EXPECT_EQ(Call("GET", path).status, 404) << path;
  }
  EXPECT_EQ(Call("POST", "/api/v1/clients/", ClientBody("b")).status, 404);
}

TEST_F(EmulatorSwitchesTest, TrailingSlashAcceptAnswersEveryPathAsWithout) {
  Start({"--trailing-slash", "accept"});
  Reply created = Call("POST", "/api/v1/clients/", ClientBody("a"));
  ASSERT_EQ(created.status, 200) << created.body;
  std::string id = created.json["client_id"].GetString();
  ASSERT_EQ(Call("POST", "/api/v1/clients/" + id + "/jwks/",
                 "{\"keys\":[" + Jwk("k1", "RS256", nullptr) + "]}")
                .status,
            200);
  for (const std::string& path : std::vector<std::string>{
           "/api/v1/clients", "/api/v1/clients/" + id, "/api/v1/clients/" + id + "/jwks",
           "/api/v1/scopes", "/api/v1/scopes/all", "/api/v1/scopes/access/all", "/api/v1/prefix",
           "/api/v1/delegationsources"}) {
    Reply without = Call("GET", path);
    Reply with = Call("GET", path + "/");
    EXPECT_EQ(without.status, 200) << path << without.body;
    EXPECT_EQ(with.status, without.status) << path;
    EXPECT_EQ(with.body, without.body) << path;
  }
}

// --algs and strict JWK base64 --------------------------------------------------------------

TEST_F(EmulatorSwitchesTest, AlgsDefaultTakesRs256Rs384AndRs512) {
  Start();
  std::string id = CreateClient("a");
  std::string body = "{\"keys\":[" + Jwk("k1", "RS256", nullptr) + "," +
                     Jwk("k2", "RS384", nullptr) + "," + Jwk("k3", "RS512", nullptr) + "]}";
  Reply reply = Call("POST", "/api/v1/clients/" + id + "/jwks", body);
  EXPECT_EQ(reply.status, 200) << reply.body;
}

TEST_F(EmulatorSwitchesTest, AlgsCanLeaveOutRs384) {
  Start({"--algs", "RS256,RS512"});
  std::string id = CreateClient("a");
  Reply refused = Call("POST", "/api/v1/clients/" + id + "/jwks",
                       "{\"keys\":[" + Jwk("k2", "RS384", nullptr) + "]}");
  EXPECT_EQ(refused.status, 400);
  EXPECT_EQ(FirstError(refused), "alg must be one of RS256, RS512");
  EXPECT_EQ(Call("PUT", "/api/v1/clients/" + id + "/jwks/k1", Jwk("k1", "RS512", nullptr)).status,
            200);
}

TEST_F(EmulatorSwitchesTest, AlgsOutsideTheRsFamilyStopTheEmulator) {
  std::string command = std::string(MPCTL_BINARY_DIR "/cmd/mpctl-emulator/mpctl-emulator ") +
                        "--algs RS256,PS256 > /dev/null 2>&1";
  int status = std::system(command.c_str());
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 2);
}

TEST_F(EmulatorSwitchesTest, JwkMembersMustBeBase64UrlAndX5cStandardBase64) {
  Start();
  std::string id = CreateClient("a");
  std::string n;
  std::string jwk;
  // A modulus whose base64url has '-' or '_', so that the standard alphabet differs.
  do {
    jwk = Jwk("k1", "RS256", &n);
  } while (n.find_first_of("-_") == std::string::npos);
  std::string standard_n = n;
  for (char& c : standard_n) {
    if (c == '-') c = '+';
    if (c == '_') c = '/';
  }
  std::string bad = jwk;
  bad.replace(bad.find(n), n.size(), standard_n);
  Reply refused = Call("POST", "/api/v1/clients/" + id + "/jwks", "{\"keys\":[" + bad + "]}");
  EXPECT_EQ(refused.status, 400);
  EXPECT_NE(FirstError(refused).find("not base64url"), std::string::npos) << refused.body;

  std::string cert = B64(SelfSignedCertificatePem(GenerateRsaPem()));
  auto with_x5c = [&](const std::string& x5c) {
    std::string key = jwk;
    key.insert(key.size() - 1, ",\"x5c\":[" + base::JsonQuote(x5c) + "]");
    return Call("POST", "/api/v1/clients/" + id + "/jwks", "{\"keys\":[" + key + "]}");
  };
  EXPECT_EQ(with_x5c(cert).status, 200);
  Reply url_safe = with_x5c(ToUrlSafe(cert));
  EXPECT_EQ(url_safe.status, 400);
  EXPECT_NE(FirstError(url_safe).find("standard base64"), std::string::npos) << url_safe.body;
}

}  // namespace
}  // namespace mpctl::testing
