#include "portal/api_error.h"

#include <rapidjson/document.h>

#include <vector>

#include "base/json.h"
#include "base/sanitize.h"
#include "base/strings.h"

namespace mpctl::portal {

namespace {

constexpr std::size_t kMaxBodyChars = 300;
constexpr std::size_t kMaxMessages = 10;  // of errors[] in one answer

std::string StringMember(const rapidjson::Value& object, const char* name) {
  auto it = object.FindMember(name);
  if (it == object.MemberEnd() || !it->value.IsString()) return "";
  // Server text: secrets it echoes scrubbed, control characters escaped, length bounded.
  return base::Printable(std::string_view(it->value.GetString(), it->value.GetStringLength()));
}

// error/error_description join messages with ", " and start with ", " (portal-api.md §7.1).
std::string WithoutLeadingSeparator(std::string text) {
  std::string_view view = base::Trim(text);
  while (base::StartsWith(view, ",")) view = base::Trim(view.substr(1));
  return std::string(view);
}

std::string Flatten(std::string_view body) {
  std::string flat;
  for (char c : base::Trim(body)) {
    bool space = c == '\n' || c == '\r' || c == '\t' || c == ' ';
    if (space && (flat.empty() || flat.back() == ' ')) continue;
    flat += space ? ' ' : c;
  }
  return base::Printable(flat, kMaxBodyChars);
}

}  // namespace

std::string CorrelationId(const HttpResponse& response) {
  rapidjson::Document doc;
  if (!base::ParseJson(response.body, doc) && doc.IsObject()) {
    std::string id = StringMember(doc, "correlation_id");
    if (!id.empty()) return id;
  }
  for (const char* name : {"correlation-id", "x-correlation-id"}) {
    std::string_view id = response.Header(name);
    if (!id.empty()) return base::Printable(id);
  }
  return "";
}

std::string ApiMessage(const HttpResponse& response) {
  rapidjson::Document doc;
  if (!base::ParseJson(response.body, doc) && doc.IsObject()) {
    std::vector<std::string> messages;
    auto errors = doc.FindMember("errors");
    if (errors != doc.MemberEnd() && errors->value.IsArray()) {
      for (const auto& item : errors->value.GetArray()) {
        if (!item.IsObject()) continue;
        std::string message = StringMember(item, "errorMessage");
        if (message.empty()) continue;
        std::string field = StringMember(item, "fieldIdentifier");
        messages.push_back(field.empty() ? message : field + ": " + message);
      }
    }
    if (messages.size() > kMaxMessages) {
      std::size_t more = messages.size() - kMaxMessages;
      messages.resize(kMaxMessages);
      messages.push_back("… and " + std::to_string(more) + " more");
    }
    if (!messages.empty()) return base::Join(messages, "; ");
    for (const char* name : {"error_description", "error", "message"}) {
      std::string text = WithoutLeadingSeparator(StringMember(doc, name));
      if (!text.empty()) return text;
    }
  }
  return Flatten(response.body);
}

bool SaysNothingToList(const HttpResponse& response) {
  return response.status >= 400 &&
         base::ToLower(ApiMessage(response)).find("does not have any") != std::string::npos;
}

base::Error HttpError(std::string_view method, std::string_view path,
                      const HttpResponse& response) {
  std::string message =
      std::string(method) + " " + std::string(path) + ": HTTP " + std::to_string(response.status);
  std::string correlation = CorrelationId(response);
  if (!correlation.empty()) message += " (correlation_id " + correlation + ")";
  std::string api_message = ApiMessage(response);
  if (!api_message.empty()) message += ": " + api_message;
  base::ErrorCode code = base::ErrorCode::kInternal;
  int status = response.status;
  if (status == 400) code = base::ErrorCode::kInvalidInput;
  if (status == 401 || status == 403) code = base::ErrorCode::kDenied;
  if (status == 404) code = base::ErrorCode::kNotFound;
  if (status == 409) code = base::ErrorCode::kConflict;
  if (status == 429 || status >= 500) code = base::ErrorCode::kUnavailable;
  return base::MakeError(code, message);
}

base::Error TransportFailure(std::string_view method, std::string_view path,
                             const TransportError& error) {
  const char* what = "request failed";
  switch (error.kind) {
    case TransportErrorKind::kRefused:
      what = "not sent";
      break;
    case TransportErrorKind::kConnect:
      what = "could not connect";
      break;
    case TransportErrorKind::kTimeout:
      what = "timed out";
      break;
    case TransportErrorKind::kDropped:
      what = "connection dropped";
      break;
    case TransportErrorKind::kTls:
      what = "TLS failed";
      break;
    case TransportErrorKind::kTooLarge:
      what = "response refused";
      break;
    case TransportErrorKind::kOther:
      break;
  }
  bool bad_setup =
      error.kind == TransportErrorKind::kRefused || error.kind == TransportErrorKind::kTls;
  return base::MakeError(
      bad_setup ? base::ErrorCode::kInvalidInput : base::ErrorCode::kUnavailable,
      std::string(method) + " " + std::string(path) + ": " + what + ": " + error.message);
}

}  // namespace mpctl::portal
