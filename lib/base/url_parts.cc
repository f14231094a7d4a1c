#include "base/url_parts.h"

#include <curl/curl.h>

#include <memory>

#include "base/strings.h"

namespace mpctl::base {

namespace {

struct UrlDeleter {
  void operator()(CURLU* url) const { curl_url_cleanup(url); }
};

// One part of a parsed URL; empty when the URL has no such part.
std::string Part(CURLU* url, CURLUPart which) {
  char* text = nullptr;
  std::string out;
  if (curl_url_get(url, which, &text, 0) == CURLUE_OK && text != nullptr) out = text;
  curl_free(text);
  return out;
}

}  // namespace

std::optional<UrlParts> SplitUrl(std::string_view url) {
  std::unique_ptr<CURLU, UrlDeleter> parsed(curl_url());
  if (!parsed) return std::nullopt;
  // Any scheme (the callers judge it), the path exactly as written (no "/a/../b" folding).
  const unsigned int flags = CURLU_NON_SUPPORT_SCHEME | CURLU_PATH_AS_IS;
  if (curl_url_set(parsed.get(), CURLUPART_URL, std::string(url).c_str(), flags) != CURLUE_OK) {
    return std::nullopt;
  }
  UrlParts parts;
  parts.scheme = ToLower(Part(parsed.get(), CURLUPART_SCHEME));
  parts.host = ToLower(Part(parsed.get(), CURLUPART_HOST));
  if (parts.scheme.empty() || parts.host.empty()) return std::nullopt;
  parts.port = Part(parsed.get(), CURLUPART_PORT);
  parts.path = Part(parsed.get(), CURLUPART_PATH);
  if (parts.path.empty()) parts.path = "/";
  parts.query = Part(parsed.get(), CURLUPART_QUERY);
  return parts;
}

std::string PercentEncode(std::string_view text) {
  if (text.empty()) return "";
  // libcurl ignores the handle argument since 7.82 (Debian 12 ships 7.88).
  char* encoded = curl_easy_escape(nullptr, text.data(), static_cast<int>(text.size()));
  std::string out = encoded != nullptr ? encoded : "";
  curl_free(encoded);
  return out;
}

}  // namespace mpctl::base
