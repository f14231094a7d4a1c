#include "auth/grant_token_source.h"

#include <rapidjson/document.h>

#include <algorithm>

#include "auth/token_errors.h"
#include "base/json.h"
#include "base/sanitize.h"
#include "base/sets.h"
#include "base/strings.h"
#include "base/url_parts.h"

namespace mpctl::auth {

namespace {

// Bearer tokens are a few KiB at most; Maskinporten's live 120 s.
constexpr std::size_t kMaxTokenChars = 16 << 10;
constexpr std::int64_t kMaxExpiresIn = 366 * 24 * 3600;

constexpr char kGrantTypePrefix[] =
    "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=";

}  // namespace

GrantTokenSource::GrantTokenSource(GrantSigner signer, std::string client_id,
                                   std::string auth_server, std::shared_ptr<TokenHttp> http,
                                   std::shared_ptr<const base::Clock> clock,
                                   std::shared_ptr<DiscoveryCache> discovery)
    : signer_(std::move(signer)),
      client_id_(std::move(client_id)),
      auth_server_(std::move(auth_server)),
      http_(std::move(http)),
      clock_(std::move(clock)),
      discovery_(std::move(discovery)) {}

void GrantTokenSource::Forget(const std::vector<std::string>& scopes) {
  std::lock_guard<std::mutex> lock(mutex_);
  cache_.erase(base::Join(base::SortedSet(scopes), " "));
}

base::Result<base::Secret> GrantTokenSource::Token(const std::vector<std::string>& scopes) {
  const std::vector<std::string> sorted = base::SortedSet(scopes);
  const std::string key = base::Join(sorted, " ");

  const std::uint64_t failures_seen = failures_.load();
  std::lock_guard<std::mutex> lock(mutex_);
  if (failures_ != failures_seen && last_failure_) return *last_failure_;
  if (auto it = cache_.find(key); it != cache_.end()) {
    if (clock_->NowSeconds() < it->second.expires_at - kTokenRefreshMarginSeconds) {
      return it->second.token;
    }
    cache_.erase(it);
  }
  auto fresh = RequestToken(sorted);
  if (!fresh.ok()) {
    ++failures_;
    last_failure_ = fresh.error();
    return fresh.error();
  }
  base::Secret token = fresh->token;
  cache_.emplace(key, std::move(fresh.value()));
  return token;
}

base::Result<GrantTokenSource::CachedToken> GrantTokenSource::RequestToken(
    const std::vector<std::string>& scopes) {
  if (!metadata_) {
    auto metadata =
        discovery_ ? discovery_->Get(*http_, auth_server_) : Discover(*http_, auth_server_);
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
    TokenRequestFacts facts{.token_path = url ? url->path : "/token",
                            .client_id = client_id_,
                            .audience = metadata_->issuer,
                            .key_description = signer_.KeyDescription(),
                            .certificate = signer_.SignsWithCertificate(),
                            .scopes = scopes};
    return DescribeTokenError(response->status, body, facts);
  }
  rapidjson::Document doc;
  auto parse_error = base::ParseJson(body, doc);
  auto malformed = [](const std::string& why) {
    return base::MakeError(base::ErrorCode::kUnavailable,
                           "getting an admin token: the token response " + why);
  };
  if (parse_error || !doc.IsObject()) return malformed("is not a JSON object");
  auto token = doc.FindMember("access_token");
  if (token == doc.MemberEnd() || !token->value.IsString() || token->value.GetStringLength() == 0) {
    return malformed("has no access_token string");
  }
  // rapidjson keeps its own copy of the token; wipe it before the document goes away.
  struct Wipe {
    rapidjson::Value& value;
    ~Wipe() { std::fill_n(const_cast<char*>(value.GetString()), value.GetStringLength(), '\0'); }
  } wipe{token->value};
  std::string_view text(token->value.GetString(), token->value.GetStringLength());
  // Sent as "Authorization: Bearer <token>": CR, LF or spaces would forge headers.
  if (text.size() > kMaxTokenChars || !base::IsB64Token(text)) {
    return malformed(
        "has an access_token that is not a valid bearer token (RFC 6750 "
        "b64token, at most " +
        std::to_string(kMaxTokenChars) + " characters)");
  }
  CachedToken cached{base::Secret(std::string(text)), requested_at};
  if (auto expires = doc.FindMember("expires_in"); expires != doc.MemberEnd()) {
    if (!expires->value.IsInt64()) return malformed("field expires_in is not an integer");
    std::int64_t seconds = expires->value.GetInt64();
    if (seconds < 0 || seconds > kMaxExpiresIn) {
      return malformed("field expires_in is " + std::to_string(seconds) + ", outside 0.." +
                       std::to_string(kMaxExpiresIn) + " seconds");
    }
    cached.expires_at = requested_at + seconds;
  }
  return cached;
}

}  // namespace mpctl::auth
