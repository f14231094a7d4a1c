#include "auth/discovery.h"

#include <rapidjson/document.h>

#include "base/json.h"
#include "base/url_parts.h"

namespace mpctl::auth {

namespace {

std::string OriginOf(std::string_view url) {
  auto parts = base::SplitUrl(url);
  return parts ? parts->Origin() : std::string();
}

}  // namespace

base::Result<AuthServerMetadata> Discover(TokenHttp& http, std::string_view auth_server) {
  std::string base_url(auth_server);
  if (base_url.empty() || base_url.back() != '/') base_url += '/';
  const std::string url = base_url + ".well-known/oauth-authorization-server";
  std::string server_origin = OriginOf(base_url);
  if (server_origin.empty()) {
    return base::MakeError(base::ErrorCode::kInvalidInput,
                           "auth_server '" + std::string(auth_server) + "' is not a URL");
  }
  auto response = http.Get(url);
  if (!response.ok()) return response.error().WithContext("discovering the token endpoint");
  auto fail = [&](const std::string& why) {
    return base::MakeError(base::ErrorCode::kInvalidInput, "metadata at " + url + ": " + why);
  };
  if (response->status != 200) {
    return base::MakeError(base::ErrorCode::kUnavailable, "metadata at " + url + ": HTTP " +
                                                              std::to_string(response->status) +
                                                              "; check auth_server");
  }
  rapidjson::Document doc;
  std::string_view body = response->body.Reveal();
  if (base::ParseJson(body, doc) || !doc.IsObject()) return fail("not a JSON object");
  AuthServerMetadata metadata;
  for (auto [name, out] : {std::pair{"issuer", &metadata.issuer},
                           std::pair{"token_endpoint", &metadata.token_endpoint}}) {
    auto it = doc.FindMember(name);
    if (it == doc.MemberEnd() || !it->value.IsString() || it->value.GetStringLength() == 0) {
      return fail(std::string("'") + name + "' is missing or not a string");
    }
    *out = it->value.GetString();
  }
  std::string issuer_origin = OriginOf(metadata.issuer);
  if (issuer_origin != server_origin) {
    return fail("issuer '" + metadata.issuer + "' is not on " + server_origin +
                "; check auth_server");
  }
  if (OriginOf(metadata.token_endpoint) != issuer_origin) {
    return fail("token_endpoint '" + metadata.token_endpoint + "' is not on the issuer's host " +
                issuer_origin + "; refusing to send a grant there");
  }
  return metadata;
}

base::Result<AuthServerMetadata> DiscoveryCache::Get(TokenHttp& http,
                                                    std::string_view auth_server) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (auto it = known_.find(auth_server); it != known_.end()) return it->second;
  auto found = Discover(http, auth_server);
  if (found.ok()) known_.emplace(std::string(auth_server), *found);
  return found;
}

}  // namespace mpctl::auth
