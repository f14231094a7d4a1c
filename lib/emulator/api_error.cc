#include "emulator/api_error.h"

#include "base/strings.h"
#include "emulator/ids.h"
#include "emulator/json.h"

namespace mpctl::emulator {

Response ApiError(int status, const std::vector<FieldError>& errors, const std::string& object,
                  Millis now) {
  std::string joined;
  for (const auto& e : errors) joined += ", " + e.message;
  std::string timestamp = base::FormatTimestamp(now / 1000);
  timestamp.pop_back();
  char nanos[24];
  std::snprintf(nanos, sizeof nanos, ".%03d000000Z", static_cast<int>(now % 1000));
  timestamp += nanos;

  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  WriteInt(w, "status", status);
  WriteString(w, "timestamp", timestamp);
  WriteString(w, "correlation_id", NewCorrelationId());
  w.Key("errors");
  w.StartArray();
  for (const auto& e : errors) {
    w.StartObject();
    WriteString(w, "errorMessage", e.message);
    WriteBool(w, "isFieldError", !e.field.empty());
    WriteStringOrNull(w, "objectName", e.field.empty() ? std::string() : object);
    WriteStringOrNull(w, "fieldIdentifier", e.field);
    w.EndObject();
  }
  w.EndArray();
  WriteString(w, "error", joined);
  WriteString(w, "error_description", joined);
  w.EndObject();
  return JsonResponse(status, std::string(buffer.GetString(), buffer.GetSize()));
}

Response ApiError(int status, const std::string& message, Millis now) {
  return ApiError(status, std::vector<FieldError>{{message, ""}}, "", now);
}

}  // namespace mpctl::emulator
