#include "auth/token_claims.h"

#include <rapidjson/document.h>

#include "base/strings.h"

namespace mpctl::auth {

std::optional<std::string> ConsumerOrgno(std::string_view token) {
  std::size_t first = token.find('.');
  if (first == std::string_view::npos) return std::nullopt;
  std::size_t second = token.find('.', first + 1);
  if (second == std::string_view::npos) return std::nullopt;
  auto payload = base::Base64Decode(token.substr(first + 1, second - first - 1));
  if (!payload) return std::nullopt;
  rapidjson::Document doc;
  doc.Parse(payload->data(), payload->size());
  if (doc.HasParseError() || !doc.IsObject()) return std::nullopt;
  auto consumer = doc.FindMember("consumer");
  if (consumer == doc.MemberEnd() || !consumer->value.IsObject()) return std::nullopt;
  auto id = consumer->value.FindMember("ID");
  if (id == consumer->value.MemberEnd() || !id->value.IsString()) return std::nullopt;
  std::string_view value(id->value.GetString(), id->value.GetStringLength());
  constexpr std::string_view kPrefix = "0192:";
  if (!value.starts_with(kPrefix) || value.size() == kPrefix.size()) return std::nullopt;
  return std::string(value.substr(kPrefix.size()));
}

}  // namespace mpctl::auth
