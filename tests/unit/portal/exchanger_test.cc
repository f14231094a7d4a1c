#include "portal/exchanger.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "fakes/fake_http_transport.h"

namespace mpctl::portal {
namespace {

using ::testing::HasSubstr;
using std::chrono::milliseconds;

constexpr char kUrl[] = "https://api.test.example/api/v1/clients";

class ExchangerTest : public ::testing::Test {
 protected:
  base::Result<Exchange> Run(const std::string& method, Repeat repeat) {
    Exchanger exchanger(transport_, policy_, sleeper_, [this](std::string_view line) {
      log_.emplace_back(line);
    });
    return exchanger.Run(
        [&]() -> base::Result<HttpRequest> {
          HttpRequest request;
          request.method = method;
          request.url = kUrl;
          return request;
        },
        repeat);
  }
  static TransportError Failure(TransportErrorKind kind) { return TransportError{kind, "boom"}; }

  std::shared_ptr<fakes::FakeHttpTransport> transport_ = std::make_shared<fakes::FakeHttpTransport>();
  std::shared_ptr<fakes::FakeSleeper> sleeper_ = std::make_shared<fakes::FakeSleeper>();
  RetryPolicy policy_;
  std::vector<std::string> log_;
};

TEST_F(ExchangerTest, PostThatMayHaveArrivedIsNotRepeated) {
  for (HttpResult failure : {HttpResult(Failure(TransportErrorKind::kDropped)),
                             HttpResult(Failure(TransportErrorKind::kTimeout)),
                             HttpResult(fakes::Response(503))}) {
    transport_ = std::make_shared<fakes::FakeHttpTransport>();
    transport_->Push("POST", "/api/v1/clients", failure);
    transport_->Set("POST", "/api/v1/clients", fakes::Response(201, "{}"));
    auto exchange = Run("POST", Repeat::kNotIfSent);
    ASSERT_TRUE(exchange.ok());
    EXPECT_EQ(exchange->attempts, 1);
    EXPECT_TRUE(exchange->outcome_unknown);
    EXPECT_EQ(transport_->Count("POST", "/api/v1/clients"), 1);
    EXPECT_THAT(exchange->ToError().message,
                HasSubstr("the outcome is unknown (the server may have applied it)"));
  }
}

TEST_F(ExchangerTest, PostThatCertainlyDidNotArriveIsRepeated) {
  transport_->Push("POST", "/api/v1/clients", Failure(TransportErrorKind::kConnect));
  transport_->Push("POST", "/api/v1/clients", fakes::Response(429));
  transport_->Set("POST", "/api/v1/clients", fakes::Response(201, "{}"));
  auto exchange = Run("POST", Repeat::kNotIfSent);
  ASSERT_TRUE(exchange.ok());
  EXPECT_EQ(exchange->attempts, 3);
  EXPECT_FALSE(exchange->outcome_unknown);
  EXPECT_EQ(exchange->response()->status, 201);
}

TEST_F(ExchangerTest, RetryAfterIsHonoured) {
  transport_->Push("GET", "/api/v1/clients", fakes::Response(429, "", {{"retry-after", "7"}}));
  transport_->Set("GET", "/api/v1/clients", fakes::Response(200, "[]"));
  auto exchange = Run("GET", Repeat::kSafe);
  ASSERT_TRUE(exchange.ok());
  EXPECT_EQ(exchange->attempts, 2);
  ASSERT_EQ(sleeper_->sleeps().size(), 1u);
  EXPECT_EQ(sleeper_->sleeps()[0], milliseconds(7000));
}

TEST_F(ExchangerTest, ServerErrorsAndDroppedConnectionsAreRetriedWithGrowingBackoff) {
  transport_->Push("GET", "/api/v1/clients", fakes::Response(503));
  transport_->Push("GET", "/api/v1/clients", Failure(TransportErrorKind::kDropped));
  transport_->Push("GET", "/api/v1/clients", fakes::Response(500));
  transport_->Set("GET", "/api/v1/clients", fakes::Response(200, "[]"));
  auto exchange = Run("GET", Repeat::kSafe);
  ASSERT_TRUE(exchange.ok());
  EXPECT_EQ(exchange->attempts, 4);
  EXPECT_EQ(exchange->response()->status, 200);
  // jitter 0.5: 250 → 187, 500 → 375, 1000 → 750.
  EXPECT_EQ(sleeper_->sleeps(),
            (std::vector<milliseconds>{milliseconds(187), milliseconds(375), milliseconds(750)}));
}

TEST_F(ExchangerTest, GivesUpAfterMaxAttempts) {
  transport_->Set("GET", "/api/v1/clients",
                  fakes::Response(503, R"({"correlation_id":"c0ffee","errors":[{"errorMessage":"down"}]})"));
  auto exchange = Run("GET", Repeat::kSafe);
  ASSERT_TRUE(exchange.ok());
  EXPECT_EQ(exchange->attempts, 5);
  EXPECT_EQ(transport_->Count("GET", "/api/v1/clients"), 5);
  EXPECT_EQ(exchange->ToError().message,
            "GET /api/v1/clients: HTTP 503 (correlation_id c0ffee): down; gave up after 5 attempts");
}

TEST_F(ExchangerTest, StopsWhenTheNextWaitWouldPassTheTotalTime) {
  transport_->Set("GET", "/api/v1/clients", fakes::Response(429, "", {{"retry-after", "120"}}));
  auto exchange = Run("GET", Repeat::kSafe);
  ASSERT_TRUE(exchange.ok());
  EXPECT_EQ(exchange->attempts, 1);
  EXPECT_TRUE(sleeper_->sleeps().empty());
}

TEST_F(ExchangerTest, ClientErrorsAndRefusedUrlsAreNotRetried) {
  transport_->Set("GET", "/api/v1/clients", fakes::Response(403));
  EXPECT_EQ(Run("GET", Repeat::kSafe)->attempts, 1);
  transport_ = std::make_shared<fakes::FakeHttpTransport>();
  transport_->Set("GET", "/nothing", fakes::Response(200));  // the URL is unmatched: refused
  EXPECT_EQ(Run("GET", Repeat::kSafe)->attempts, 1);
}

TEST_F(ExchangerTest, LogsOneLinePerAttempt) {
  transport_->Push("GET", "/api/v1/clients", fakes::Response(503));
  transport_->Set("GET", "/api/v1/clients", fakes::Response(200, "[]"));
  ASSERT_TRUE(Run("GET", Repeat::kSafe).ok());
  EXPECT_EQ(log_, (std::vector<std::string>{"GET /api/v1/clients -> 503 (0 ms, attempt 1)",
                                            "GET /api/v1/clients -> 200 (0 ms, attempt 2)"}));
}

TEST(RetryTest, BackoffIsCappedAndJittered) {
  RetryPolicy policy;
  EXPECT_EQ(BackoffDelay(policy, 1, 0.0), milliseconds(125));
  EXPECT_EQ(BackoffDelay(policy, 1, 1.0), milliseconds(250));
  EXPECT_EQ(BackoffDelay(policy, 20, 1.0), milliseconds(8000));
  EXPECT_EQ(BackoffDelay(policy, 20, 0.0), milliseconds(4000));
}

TEST(RetryTest, RetryAfterTakesSecondsOrADate) {
  EXPECT_EQ(ParseRetryAfter("3", 0), milliseconds(3000));
  // 2015-10-21T07:28:00Z is 1445412480.
  EXPECT_EQ(ParseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT", 1445412470), milliseconds(10000));
  EXPECT_EQ(ParseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT", 1445412490), milliseconds(0));
  EXPECT_FALSE(ParseRetryAfter("soon", 0).has_value());
  EXPECT_FALSE(ParseRetryAfter("", 0).has_value());
}

}  // namespace
}  // namespace mpctl::portal
