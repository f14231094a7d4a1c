#include "auth/grant_token_source.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

#include "base/strings.h"

namespace mpctl::auth {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kMetadata[] =
    R"({"issuer":"https://test.maskinporten.no/","token_endpoint":"https://test.maskinporten.no/token",)"
    R"("jwks_uri":"https://test.maskinporten.no/jwk"})";
constexpr char kToken[] = "SENTINEL-ACCESS-TOKEN-1";

// Answers GET with `metadata` and POST with queued answers; records the POST bodies.
class FakeTokenHttp final : public TokenHttp {
 public:
  base::Result<TokenHttpResponse> Get(const std::string& url) override {
    gets.push_back(url);
    return TokenHttpResponse{200, base::Secret(metadata), "application/json"};
  }
  base::Result<TokenHttpResponse> PostForm(
      const std::string& url,
      const std::function<base::Result<base::Secret>()>& make_body) override {
    posts.push_back(url);
    auto body = make_body();
    if (!body.ok()) return body.error();
    bodies.emplace_back(body->Reveal());
    if (answers.empty()) return TokenHttpResponse{500, base::Secret("no answer"), ""};
    auto [status, text] = answers.front();
    answers.pop_front();
    return TokenHttpResponse{status, base::Secret(text), "application/json"};
  }
  void Answer(int status, std::string body) { answers.emplace_back(status, std::move(body)); }
  void AnswerToken(const std::string& token, int expires_in) {
    Answer(200, R"({"access_token":")" + token + R"(","token_type":"Bearer","expires_in":)" +
                    std::to_string(expires_in) + "}");
  }

  std::string metadata = kMetadata;
  std::deque<std::pair<int, std::string>> answers;
  std::vector<std::string> gets;
  std::vector<std::string> posts;
  std::vector<std::string> bodies;
};

class GrantTokenSourceTest : public ::testing::Test {
 protected:
  GrantTokenSourceTest() {
    auto key = crypto::PrivateKey::Generate(2048);
    EXPECT_TRUE(key.ok());
    source_ = std::make_unique<GrantTokenSource>(
        GrantSigner::WithKid(std::move(key.value()), "kid-1"), "admin-client",
        "https://test.maskinporten.no/", http_, clock_);
  }
  std::shared_ptr<FakeTokenHttp> http_ = std::make_shared<FakeTokenHttp>();
  std::shared_ptr<base::FixedClock> clock_ = std::make_shared<base::FixedClock>(1'790'000'000);
  std::unique_ptr<GrantTokenSource> source_;
  const std::vector<std::string> read_ = {"idporten:dcr.read"};
};

TEST_F(GrantTokenSourceTest, TokenEndpointOnAnotherHostIsRefusedBeforeAnyGrantIsSent) {
  http_->metadata =
      R"({"issuer":"https://test.maskinporten.no/","token_endpoint":"https://evil.example/token"})";
  auto token = source_->Token(read_);
  ASSERT_FALSE(token.ok());
  EXPECT_THAT(token.error().message, HasSubstr("token_endpoint 'https://evil.example/token' is "
                                               "not on the issuer's host"));
  EXPECT_TRUE(http_->posts.empty());
}

TEST_F(GrantTokenSourceTest, IssuerOnAnotherHostThanAuthServerIsRefused) {
  http_->metadata =
      R"({"issuer":"https://maskinporten.no/","token_endpoint":"https://maskinporten.no/token"})";
  auto token = source_->Token(read_);
  ASSERT_FALSE(token.ok());
  EXPECT_THAT(token.error().message, HasSubstr("issuer 'https://maskinporten.no/' is not on"));
}

TEST_F(GrantTokenSourceTest, DiscoversThenPostsAJwtBearerGrant) {
  http_->AnswerToken(kToken, 120);
  auto token = source_->Token(read_);
  ASSERT_TRUE(token.ok()) << token.error().message;
  EXPECT_EQ(token->Reveal(), kToken);
  ASSERT_EQ(http_->gets.size(), 1u);
  EXPECT_EQ(http_->gets[0], "https://test.maskinporten.no/.well-known/oauth-authorization-server");
  ASSERT_EQ(http_->posts.size(), 1u);
  EXPECT_EQ(http_->posts[0], "https://test.maskinporten.no/token");
  EXPECT_TRUE(base::StartsWith(
      http_->bodies[0],
      "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=ey"));
}

TEST_F(GrantTokenSourceTest, TokenIsReusedUntilTwentySecondsBeforeExpiry) {
  http_->AnswerToken("token-a", 120);
  http_->AnswerToken("token-b", 120);
  ASSERT_EQ(source_->Token(read_)->Reveal(), "token-a");
  clock_->Set(1'790'000'000 + 99);
  EXPECT_EQ(source_->Token(read_)->Reveal(), "token-a");
  EXPECT_EQ(http_->posts.size(), 1u);
  clock_->Set(1'790'000'000 + 100);
  EXPECT_EQ(source_->Token(read_)->Reveal(), "token-b");
  EXPECT_EQ(http_->posts.size(), 2u);
  EXPECT_EQ(http_->gets.size(), 1u);  // discovery once
}

TEST_F(GrantTokenSourceTest, ForgottenTokenIsReplaced) {
  http_->AnswerToken("token-a", 120);
  http_->AnswerToken("token-b", 120);
  ASSERT_EQ(source_->Token(read_)->Reveal(), "token-a");
  source_->Forget(read_);
  EXPECT_EQ(source_->Token(read_)->Reveal(), "token-b");
  EXPECT_EQ(http_->posts.size(), 2u);
}

// apply's write connection comes right after the plan's read: the second token source of the
// run asks for a token without fetching the metadata again; a failed discovery is not kept.
TEST(GrantTokenSourceDiscoveryTest, SourcesSharingACacheDiscoverOnce) {
  auto http = std::make_shared<FakeTokenHttp>();
  auto clock = std::make_shared<base::FixedClock>(1'790'000'000);
  auto cache = std::make_shared<DiscoveryCache>();
  auto make = [&] {
    auto key = crypto::PrivateKey::Generate(2048);
    EXPECT_TRUE(key.ok());
    return GrantTokenSource(GrantSigner::WithKid(std::move(key.value()), "kid-1"),
                            "admin-client", "https://test.maskinporten.no/", http, clock, cache);
  };
  http->metadata = "not json";
  GrantTokenSource failed = make();
  EXPECT_FALSE(failed.Token({"idporten:dcr.read"}).ok());
  http->metadata = kMetadata;
  GrantTokenSource read = make();
  GrantTokenSource write = make();
  http->AnswerToken("read-token", 120);
  http->AnswerToken("write-token", 120);
  ASSERT_TRUE(read.Token({"idporten:dcr.read"}).ok());
  ASSERT_TRUE(write.Token({"idporten:dcr.read", "idporten:dcr.write"}).ok());
  EXPECT_EQ(http->gets.size(), 2u) << "the failed discovery and one more";
  EXPECT_EQ(http->posts.size(), 2u);
}

TEST_F(GrantTokenSourceTest, EachScopeSetHasItsOwnToken) {
  http_->AnswerToken("read-token", 120);
  http_->AnswerToken("write-token", 120);
  EXPECT_EQ(source_->Token(read_)->Reveal(), "read-token");
  EXPECT_EQ(source_->Token({"idporten:dcr.write", "idporten:dcr.read"})->Reveal(), "write-token");
  EXPECT_EQ(source_->Token({"idporten:dcr.read", "idporten:dcr.write"})->Reveal(), "write-token");
  EXPECT_EQ(http_->posts.size(), 2u);
}

struct TokenErrorCase {
  std::string body;
  std::string hint;
};

void PrintTo(const TokenErrorCase& c, std::ostream* out) { *out << c.body; }

class TokenErrorTest : public GrantTokenSourceTest,
                       public ::testing::WithParamInterface<TokenErrorCase> {};

TEST_P(TokenErrorTest, NamesTheLikelyCauseAndNoSecret) {
  http_->Answer(400, GetParam().body);
  auto token = source_->Token(read_);
  ASSERT_FALSE(token.ok());
  EXPECT_THAT(token.error().message, HasSubstr("POST /token: HTTP 400"));
  EXPECT_THAT(token.error().message, HasSubstr(GetParam().hint));
  std::string assertion = http_->bodies[0].substr(http_->bodies[0].find("assertion=") + 10);
  EXPECT_THAT(token.error().message, Not(HasSubstr(assertion)));
  EXPECT_THAT(token.error().message, Not(HasSubstr(assertion.substr(0, 20))));
}

INSTANTIATE_TEST_SUITE_P(
    Causes, TokenErrorTest,
    ::testing::Values(
        TokenErrorCase{
            R"j({"error":"invalid_grant","error_description":"Unknown key identifier (kid) for client (correlation id: 1)"})j",
            "key not registered on the admin client: register the public key of "
            "kid 'kid-1' on client 'admin-client'"},
        TokenErrorCase{
            R"j({"error":"invalid_grant","error_description":"Issue time is after now"})j",
            "check the machine's clock"},
        TokenErrorCase{
            R"j({"error":"invalid_grant","error_description":"MP-110 Invalid audience"})j",
            "wrong aud 'https://test.maskinporten.no/'"},
        TokenErrorCase{R"j({"error":"invalid_scope","error_description":"Invalid scopes"})j",
                       "scope not granted to the admin client: ask Digdir to grant "
                       "'idporten:dcr.read' to client 'admin-client'"}));

TEST_F(GrantTokenSourceTest, NonJsonTokenErrorShowsTheBodyCut) {
  http_->Answer(502, "<html>" + std::string(1000, 'x') + "</html>");
  auto token = source_->Token(read_);
  ASSERT_FALSE(token.ok());
  EXPECT_EQ(token.error().code, base::ErrorCode::kUnavailable);
  EXPECT_THAT(token.error().message, HasSubstr("HTTP 502: <html>xxx"));
  EXPECT_LT(token.error().message.size(), 400u);
}

// Discovery that fails only when released, counting the calls.
class StalledDiscovery final : public TokenHttp {
 public:
  base::Result<TokenHttpResponse> Get(const std::string&) override {
    std::unique_lock<std::mutex> lock(mutex);
    ++gets;
    entered.notify_all();
    released_cv.wait(lock, [&] { return released; });
    return base::MakeError(base::ErrorCode::kUnavailable,
                           "GET metadata: timeout; gave up after 2 attempts");
  }
  base::Result<TokenHttpResponse> PostForm(
      const std::string&, const std::function<base::Result<base::Secret>()>&) override {
    return base::MakeError(base::ErrorCode::kInternal, "not reached");
  }
  std::mutex mutex;
  std::condition_variable entered, released_cv;
  bool released = false;
  int gets = 0;
};

// Two reader threads once ran two discoveries, each with its own retry budget, against one
// stalled server; a caller that waited for a failed request now gets that failure.
TEST(GrantTokenSourceSharingTest, CallersThatWaitedShareOneFailure) {
  auto key = crypto::PrivateKey::Generate(2048);
  ASSERT_TRUE(key.ok());
  auto http = std::make_shared<StalledDiscovery>();
  GrantTokenSource source(GrantSigner::WithKid(std::move(key.value()), "kid-1"), "admin-client",
                          "https://test.maskinporten.no/", http,
                          std::make_shared<base::FixedClock>(1'790'000'000));
  base::Result<base::Secret> first = base::MakeError(base::ErrorCode::kInternal, "unset");
  base::Result<base::Secret> second = first;
  std::thread a([&] { first = source.Token({"idporten:dcr.read"}); });
  {
    std::unique_lock<std::mutex> lock(http->mutex);
    http->entered.wait(lock, [&] { return http->gets == 1; });
  }
  std::thread b([&] { second = source.Token({"idporten:dcr.read"}); });
  // b is now waiting for a's request (a holds the source's lock until it fails).
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  {
    std::lock_guard<std::mutex> lock(http->mutex);
    http->released = true;
  }
  http->released_cv.notify_all();
  a.join();
  b.join();
  EXPECT_EQ(http->gets, 1);
  ASSERT_FALSE(first.ok());
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().message, first.error().message);

  // A later call (nobody waiting) tries again.
  std::thread c([&] { second = source.Token({"idporten:dcr.read"}); });
  c.join();
  EXPECT_EQ(http->gets, 2);
}

}  // namespace
}  // namespace mpctl::auth
