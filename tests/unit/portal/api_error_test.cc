#include "portal/api_error.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace mpctl::portal {
namespace {

HttpResponse Make(int status, std::string body, Headers headers = {}) {
  return HttpResponse{status, std::move(headers), std::move(body)};
}

TEST(ApiErrorTest, FieldErrorsAreJoinedWithTheirField) {
  auto error = HttpError("POST", "/api/v1/clients",
                         Make(400, R"({"correlation_id":"abc","errors":[)"
                                   R"({"errorMessage":"must not be empty","fieldIdentifier":"scopes"},)"
                                   R"({"errorMessage":"too long","fieldIdentifier":"client_name"}]})"));
  EXPECT_EQ(error.code, base::ErrorCode::kInvalidInput);
  EXPECT_EQ(error.message,
            "POST /api/v1/clients: HTTP 400 (correlation_id abc): scopes: must not be empty; "
            "client_name: too long");
}

TEST(ApiErrorTest, DescriptionWithoutItsLeadingSeparator) {
  EXPECT_EQ(ApiMessage(Make(409, R"({"error":", a, b","error_description":", a, b"})")), "a, b");
}

TEST(ApiErrorTest, RawBodyIsFlattenedAndCut) {
  std::string body = "<html>\n  <body>" + std::string(600, 'x') + "</body></html>";
  std::string message = ApiMessage(Make(502, body));
  EXPECT_EQ(message.substr(0, 14), "<html> <body>x");
  EXPECT_EQ(message.substr(300), "... (327 more bytes)");
}

TEST(ApiErrorTest, CorrelationIdFromBodyOrHeader) {
  EXPECT_EQ(CorrelationId(Make(500, "oops", {{"x-correlation-id", "h1"}})), "h1");
  EXPECT_EQ(CorrelationId(Make(500, R"({"correlation_id":"b1"})", {{"correlation-id", "h1"}})), "b1");
  EXPECT_EQ(CorrelationId(Make(500, "")), "");
}

TEST(ApiErrorTest, EmptyBodyGivesStatusOnly) {
  EXPECT_EQ(HttpError("DELETE", "/api/v1/clients/x", Make(404, "")).message,
            "DELETE /api/v1/clients/x: HTTP 404");
}

TEST(ApiErrorTest, StatusCodesMapToErrorCodes) {
  EXPECT_EQ(HttpError("GET", "/", Make(401, "")).code, base::ErrorCode::kDenied);
  EXPECT_EQ(HttpError("GET", "/", Make(409, "")).code, base::ErrorCode::kConflict);
  EXPECT_EQ(HttpError("GET", "/", Make(429, "")).code, base::ErrorCode::kUnavailable);
  EXPECT_EQ(HttpError("GET", "/", Make(503, "")).code, base::ErrorCode::kUnavailable);
}

}  // namespace
}  // namespace mpctl::portal
