#include "auth/token_errors.h"

#include <rapidjson/document.h>

#include "base/json.h"
#include "base/sanitize.h"
#include "base/strings.h"

namespace mpctl::auth {

namespace {

constexpr std::size_t kMaxBodyChars = 300;

bool Contains(std::string_view text, std::string_view needle) {
  return text.find(needle) != std::string_view::npos;
}

std::string Hint(std::string_view error, std::string_view description,
                 const TokenRequestFacts& facts) {
  std::string text = base::ToLower(std::string(error) + " " + std::string(description));
  bool about_kid = Contains(text, "kid") || Contains(text, "key identifier");
  bool about_certificate = Contains(text, "x5c") || Contains(text, "certificate");
  if (about_kid && about_certificate) {
    // The answer names both ways to sign in: the admin client takes the other one.
    return "admin client '" + facts.client_id + "' may not sign in with " + facts.key_description +
           ": use " +
           (facts.certificate ? "a key registered on it (key_file or key_env, and kid)"
                              : "its business certificate (certificate_file and password_env)") +
           " in admin_client";
  }
  if (about_kid) {
    return "key not registered on the admin client: register the public key of " +
           facts.key_description + " on client '" + facts.client_id + "'";
  }
  if (Contains(text, "expired key") || Contains(text, "mp-121")) {
    return "the admin key has expired: register a new key on client '" + facts.client_id + "'";
  }
  if (Contains(text, "issue time") || Contains(text, "iat") || Contains(text, "mp-130") ||
      Contains(text, "expired") || Contains(text, "clock") || Contains(text, "not yet valid")) {
    return "check the machine's clock: the grant's iat must be within 10 s of the server's";
  }
  if (Contains(text, "audience") || Contains(text, "aud ") || Contains(text, "'aud'") ||
      Contains(text, "mp-110")) {
    return "wrong aud '" + facts.audience +
           "': auth_server must be the issuer exactly, trailing slash included";
  }
  if (Contains(text, "scope")) {
    return "scope not granted to the admin client: ask Digdir to grant '" +
           base::Join(facts.scopes, " ") + "' to client '" + facts.client_id + "'";
  }
  if (Contains(text, "certificate") || Contains(text, "mp-120") || Contains(text, "mp-122") ||
      Contains(text, "mp-124") || Contains(text, "x5c")) {
    return "the business certificate was refused: check that it is valid and belongs to the "
           "organisation of client '" +
           facts.client_id + "'";
  }
  if (Contains(text, "client") || Contains(text, "mp-100")) {
    return "check that admin client '" + facts.client_id + "' exists and accepts " +
           facts.key_description;
  }
  return "";
}

std::string CutBody(std::string_view body) {
  std::string flat;
  for (char c : base::Trim(body)) flat += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
  return base::Printable(flat, kMaxBodyChars);
}

}  // namespace

base::Error DescribeTokenError(int status, std::string_view body, const TokenRequestFacts& facts) {
  std::string error;
  std::string description;
  rapidjson::Document doc;
  if (!base::ParseJson(body, doc) && doc.IsObject()) {
    if (auto it = doc.FindMember("error"); it != doc.MemberEnd() && it->value.IsString()) {
      error = base::Printable(it->value.GetString());
    }
    if (auto it = doc.FindMember("error_description");
        it != doc.MemberEnd() && it->value.IsString()) {
      description = base::Printable(it->value.GetString());
    }
  }
  std::string message = "POST " + facts.token_path + ": HTTP " + std::to_string(status);
  if (!error.empty() || !description.empty()) {
    message += ": " + error;
    if (!description.empty()) message += (error.empty() ? "" : ": ") + description;
  } else if (!base::Trim(body).empty()) {
    message += ": " + CutBody(body);
  }
  std::string hint = Hint(error, description, facts);
  if (!hint.empty()) message += "; " + hint;
  base::ErrorCode code =
      status >= 500 || status == 429 ? base::ErrorCode::kUnavailable : base::ErrorCode::kDenied;
  return base::MakeError(code, "getting an admin token: " + message);
}

}  // namespace mpctl::auth
