#include "auth/grant_token_source.h"

#include <algorithm>

#include <rapidjson/document.h>

#include "auth/token_errors.h"
#include "base/sets.h"
#include "base/strings.h"
#include "base/url_parts.h"

namespace mpctl::auth {

namespace {

constexpr char kGrantTypePrefix[] =
    "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=";

}  // namespace

GrantTokenSource::GrantTokenSource(GrantSigner signer, std::string client_id,
                                   std::string auth_server, std::shared_ptr<TokenHttp> http,
                                   std::shared_ptr<const base::Clock> clock)
    : signer_(std::move(signer)),
      client_id_(std::move(client_id)),
      auth_server_(std::move(auth_server)),
      http_(std::move(http)),
      clock_(std::move(clock)) {}

void GrantTokenSource::Forget(const std::vector<std::string>& scopes) {
  std::lock_guard<std::mutex> lock(mutex_);
  cache_.erase(base::Join(base::SortedSet(scopes), " "));
}

base::Result<base::Secret> GrantTokenSource::Token(const std::vector<std::string>& scopes) {
  const std::vector<std::string> sorted = base::SortedSet(scopes);
  const std::string key = base::Join(sorted, " ");

  std::lock_guard<std::mutex> lock(mutex_);
  if (auto it = cache_.find(key); it != cache_.end()) {
    if (clock_->NowSeconds() < it->second.expires_at - kTokenRefreshMarginSeconds) {
      return it->second.token;
    }
    cache_.erase(it);
  }
  auto fresh = RequestToken(sorted);
  if (!fresh.ok()) return fresh.error();
  base::Secret token = fresh->token;
  cache_.emplace(key, std::move(fresh.value()));
  return token;
}

base::Result<GrantTokenSource::CachedToken> GrantTokenSource::RequestToken(
    const std::vector<std::string>& scopes) {
  if (!metadata_) {
    auto metadata = Discover(*http_, auth_server_);
    if (!metadata.ok()) return metadata.error();
    metadata_ = std::move(metadata.value());
  }
  auto make_body = [&]() -> base::Result<base::Secret> {
    GrantClaims claims{client_id_, metadata_->issuer, scopes, clock_->NowSeconds()};
    auto grant = signer_.Sign(claims);
    if (!grant.ok()) return grant.error();
    return base::Secret(kGrantTypePrefix + std::string(grant->Reveal()));
  };
  const std::int64_t requested_at = clock_->NowSeconds();
  auto response = http_->PostForm(metadata_->token_endpoint, make_body);
  if (!response.ok()) return response.error().WithContext("getting an admin token");
  std::string_view body = response->body.Reveal();
  if (response->status != 200) {
    auto url = base::SplitUrl(metadata_->token_endpoint);
    TokenRequestFacts facts{url ? url->path : "/token", client_id_, metadata_->issuer,
                            signer_.KeyDescription(), scopes};
    return DescribeTokenError(response->status, body, facts);
  }
  rapidjson::Document doc;
  doc.Parse(body.data(), body.size());
  auto malformed = [](const std::string& why) {
    return base::MakeError(base::ErrorCode::kUnavailable,
                           "getting an admin token: the token response " + why);
  };
  if (doc.HasParseError() || !doc.IsObject()) return malformed("is not a JSON object");
  auto token = doc.FindMember("access_token");
  if (token == doc.MemberEnd() || !token->value.IsString() ||
      token->value.GetStringLength() == 0) {
    return malformed("has no access_token string");
  }
  CachedToken cached{base::Secret(token->value.GetString()), requested_at};
  if (auto expires = doc.FindMember("expires_in"); expires != doc.MemberEnd()) {
    if (!expires->value.IsInt64()) return malformed("field expires_in is not an integer");
    cached.expires_at = requested_at + expires->value.GetInt64();
  }
  // rapidjson keeps its own copy of the token; wipe it before the document goes away.
  auto& value = doc["access_token"];
  std::fill_n(const_cast<char*>(value.GetString()), value.GetStringLength(), '\0');
  return cached;
}

}  // namespace mpctl::auth
