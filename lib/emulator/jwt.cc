#include "emulator/jwt.h"

#include "base/strings.h"

namespace mpctl::emulator {

std::optional<std::string> DecodeJwt(std::string_view token, Jwt& out) {
  std::size_t first = token.find('.');
  std::size_t second = first == std::string_view::npos ? first : token.find('.', first + 1);
  if (second == std::string_view::npos || token.find('.', second + 1) != std::string_view::npos) {
    return "not a compact JWS (three base64url parts separated by '.')";
  }
  std::string_view header = token.substr(0, first);
  std::string_view payload = token.substr(first + 1, second - first - 1);
  std::string_view signature = token.substr(second + 1);
  // RFC 7515 §7.1: each part is base64url (RFC 4648 §5) without padding; nothing else.
  auto header_json = base::Base64UrlDecode(header);
  auto payload_json = base::Base64UrlDecode(payload);
  auto signature_bytes = base::Base64UrlDecode(signature);
  if (!header_json || !payload_json || !signature_bytes || signature_bytes->empty()) {
    return "JWT parts must be base64url without padding";
  }
  if (ParseJson(*header_json, out.header) || !out.header.IsObject()) {
    return "JWT header is not a JSON object";
  }
  if (ParseJson(*payload_json, out.claims) || !out.claims.IsObject()) {
    return "JWT claims are not a JSON object";
  }
  out.signing_input = std::string(token.substr(0, second));
  out.signature = std::move(*signature_bytes);
  return std::nullopt;
}

}  // namespace mpctl::emulator
