#include "portal/exchanger.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <thread>
#include <vector>

#include "fakes/fake_http_transport.h"
#include "portal/wait_watch.h"

namespace mpctl::portal {
namespace {

using std::chrono::milliseconds;
using ::testing::HasSubstr;

constexpr char kUrl[] = "https://api.test.example/api/v1/clients";

class ExchangerTest : public ::testing::Test {
 protected:
  base::Result<Exchange> Run(const std::string& method, Repeat repeat) {
    Exchanger exchanger(transport_, policy_, sleeper_,
                        [this](std::string_view line) { log_.emplace_back(line); });
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

  std::shared_ptr<fakes::FakeHttpTransport> transport_ =
      std::make_shared<fakes::FakeHttpTransport>();
  std::shared_ptr<fakes::FakeSleeper> sleeper_ = std::make_shared<fakes::FakeSleeper>();
  RetryPolicy policy_;
  std::vector<std::string> log_;
};

TEST_F(ExchangerTest, PostThatMayHaveArrivedIsNotRepeated) {
  for (HttpResult failure :
       {HttpResult(Failure(TransportErrorKind::kDropped)),
        HttpResult(Failure(TransportErrorKind::kTimeout)), HttpResult(fakes::Response(503))}) {
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
  transport_->Set(
      "GET", "/api/v1/clients",
      fakes::Response(503, R"({"correlation_id":"c0ffee","errors":[{"errorMessage":"down"}]})"));
  auto exchange = Run("GET", Repeat::kSafe);
  ASSERT_TRUE(exchange.ok());
  EXPECT_EQ(exchange->attempts, 5);
  EXPECT_EQ(transport_->Count("GET", "/api/v1/clients"), 5);
  EXPECT_EQ(
      exchange->ToError().message,
      "GET /api/v1/clients: HTTP 503 (correlation_id c0ffee): down; gave up after 5 attempts");
}

TEST_F(ExchangerTest, StopsWhenTheNextWaitWouldPassTheTotalTime) {
  transport_->Set("GET", "/api/v1/clients", fakes::Response(429, "", {{"retry-after", "120"}}));
  auto exchange = Run("GET", Repeat::kSafe);
  ASSERT_TRUE(exchange.ok());
  EXPECT_EQ(exchange->attempts, 1);
  EXPECT_TRUE(sleeper_->sleeps().empty());
  // The message says that the server's Retry-After is why it gave up.
  EXPECT_EQ(exchange->ToError().message.substr(exchange->ToError().message.find("; gave up")),
            "; gave up after 1 attempt because the server asked to retry after 120 s "
            "(Retry-After), beyond the time limit for all attempts (--retry-timeout 60s)");
}

TEST_F(ExchangerTest, RunningOutOfAttemptsSaysNoMoreThanTheCount) {
  transport_->Set("GET", "/api/v1/clients", fakes::Response(503, "", {{"retry-after", "1"}}));
  policy_.max_attempts = 2;
  auto exchange = Run("GET", Repeat::kSafe);
  ASSERT_TRUE(exchange.ok());
  EXPECT_EQ(exchange->attempts, 2);
  EXPECT_THAT(exchange->ToError().message, ::testing::EndsWith("; gave up after 2 attempts"));
}

TEST(WaitWatchTest, SaysWhatItWaitsForAfterFiveSecondsThenEveryTen) {
  auto sleeper = std::make_shared<fakes::FakeSleeper>();
  WaitWatch watch(sleeper, nullptr);  // no thread: the test asks Due() itself
  int token = watch.Begin("https://auth.example/token", 5);
  EXPECT_TRUE(watch.Due(milliseconds(4'999)).empty());
  watch.Attempt(token, 2);
  EXPECT_EQ(
      watch.Due(milliseconds(12'000)),
      std::vector<std::string>{"waiting for https://auth.example/token (attempt 2 of 5, 12 s)"});
  EXPECT_TRUE(watch.Due(milliseconds(21'999)).empty());
  EXPECT_EQ(watch.Due(milliseconds(22'000)).size(), 1u);
  watch.End(token);
  EXPECT_TRUE(watch.Due(milliseconds(60'000)).empty());
}

TEST(WaitWatchTest, NamesOnlyTheLongestOfManyWaits) {
  auto sleeper = std::make_shared<fakes::FakeSleeper>();
  WaitWatch watch(sleeper, nullptr);
  watch.Begin("https://api.example/a", 5);
  sleeper->Sleep(milliseconds(1'000));
  watch.Begin("https://api.example/b", 5);
  EXPECT_EQ(watch.Due(milliseconds(7'000)),
            std::vector<std::string>{"waiting for https://api.example/a (attempt 1 of 5, 7 s)"});
  EXPECT_TRUE(watch.Due(milliseconds(8'000)).empty());  // b was due too, and counted as told
}

TEST_F(ExchangerTest, LongWaitsAreAnnouncedOnTheNoticeSink) {
  // The watch thread reads the fake clock: each attempt advances it by 6 s.
  std::vector<std::string> notices;
  std::mutex mutex;
  transport_->Set("GET", "/api/v1/clients", fakes::Response(503));
  policy_.max_attempts = 2;
  auto sleeper = sleeper_;
  Exchanger exchanger(transport_, policy_, sleeper_, nullptr, [&](std::string_view line) {
    std::lock_guard<std::mutex> lock(mutex);
    notices.emplace_back(line);
  });
  auto exchange = exchanger.Run(
      [&]() -> base::Result<HttpRequest> {
        sleeper->Sleep(milliseconds(6'000));
        // Long enough for the watch (four checks a second) to see it.
        std::this_thread::sleep_for(milliseconds(600));
        HttpRequest request;
        request.method = "GET";
        request.url = kUrl;
        return request;
      },
      Repeat::kSafe);
  ASSERT_TRUE(exchange.ok());
  std::lock_guard<std::mutex> lock(mutex);
  ASSERT_FALSE(notices.empty());
  EXPECT_THAT(notices[0], ::testing::StartsWith(
                              "waiting for https://api.test.example/api/v1/clients (attempt "));
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

// Answers every request after a few milliseconds and counts how many it holds at once.
class SlowTransport : public HttpTransport {
 public:
  HttpResult Send(const HttpRequest&) override {
    int now = ++in_flight_;
    for (int seen = most_; now > seen && !most_.compare_exchange_weak(seen, now);) {
    }
    std::this_thread::sleep_for(milliseconds(3));
    --in_flight_;
    return HttpResponse{200, {}, "[]"};
  }
  int most() const { return most_; }

 private:
  std::atomic<int> in_flight_{0};
  std::atomic<int> most_{0};
};

TEST(ExchangerBoundTest, AtMostMaxInFlightRequestsAreSentAtOnce) {
  for (int bound : {1, 3}) {
    auto transport = std::make_shared<SlowTransport>();
    Exchanger exchanger(transport, RetryPolicy{}, std::make_shared<fakes::FakeSleeper>(), nullptr,
                        nullptr, bound);
    std::vector<std::thread> threads;
    for (int t = 0; t < 12; ++t) {
      threads.emplace_back([&, t] {
        for (int i = 0; i < 4; ++i) {
          auto exchange = exchanger.Run(
              [&]() -> base::Result<HttpRequest> {
                HttpRequest request;
                request.method = "GET";
                request.url = kUrl;
                request.list = (t + i) % 3 == 0;
                return request;
              },
              Repeat::kSafe);
          EXPECT_TRUE(exchange.ok());
        }
      });
    }
    for (auto& thread : threads) thread.join();
    EXPECT_LE(transport->most(), bound);
    EXPECT_EQ(transport->most(), bound) << "the requests did not use the places they had";
  }
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
