#include "portal/token_http_adapter.h"

namespace mpctl::portal {

TokenHttpAdapter::TokenHttpAdapter(std::shared_ptr<const Exchanger> exchanger)
    : exchanger_(std::move(exchanger)) {}

base::Result<auth::TokenHttpResponse> TokenHttpAdapter::Run(
    const std::function<base::Result<HttpRequest>()>& make_request) {
  auto exchange = exchanger_->Run(make_request, Repeat::kSafe);
  if (!exchange.ok()) return exchange.error();
  auto* response = std::get_if<HttpResponse>(&exchange->result);
  // A response the retries gave up on for a reason (a Retry-After beyond the time limit) is
  // reported with that reason rather than as an answer to interpret.
  if (response == nullptr || !exchange->gave_up_because.empty()) return exchange->ToError();
  // Moving the body into a Secret keeps its buffer, so the token in it is wiped in the end.
  return auth::TokenHttpResponse{response->status, base::Secret(std::move(response->body)),
                                 std::string(response->Header("content-type"))};
}

base::Result<auth::TokenHttpResponse> TokenHttpAdapter::Get(const std::string& url) {
  return Run([&]() -> base::Result<HttpRequest> {
    HttpRequest request;
    request.method = "GET";
    request.url = url;
    request.headers.emplace_back("Accept", "application/json");
    return request;
  });
}

base::Result<auth::TokenHttpResponse> TokenHttpAdapter::PostForm(
    const std::string& url, const std::function<base::Result<base::Secret>()>& make_body) {
  return Run([&]() -> base::Result<HttpRequest> {
    auto body = make_body();
    if (!body.ok()) return body.error();
    HttpRequest request;
    request.method = "POST";
    request.url = url;
    request.headers.emplace_back("Accept", "application/json");
    request.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
    request.body = std::move(body.value());
    return request;
  });
}

}  // namespace mpctl::portal
