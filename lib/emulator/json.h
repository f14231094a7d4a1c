// The emulator's own JSON helpers over RapidJSON (deliberately not shared with lib/portal).
#pragma once

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/types.h"

namespace mpctl::emulator {

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

/// Parses `text` into `doc`; the error message ("invalid JSON at offset N") or nullopt.
std::optional<std::string> ParseJson(std::string_view text, rapidjson::Document& doc);

/// The member `name` of object `obj`, or nullptr when absent or JSON null.
const rapidjson::Value* Member(const rapidjson::Value& obj, const char* name);

/// Formats epoch milliseconds the way the portal does: "2026-11-25T14:00:00.123+00:00".
std::string FormatTime(Millis millis);
/// Parses any RFC 3339 timestamp into epoch milliseconds (fraction dropped to ms).
std::optional<Millis> ParseTime(std::string_view text);

/// Writes `key: value` pairs; small helpers to keep serialisers short.
void WriteString(JsonWriter& w, const char* key, const std::string& value);
void WriteStringOrNull(JsonWriter& w, const char* key, const std::string& value);
void WriteInt(JsonWriter& w, const char* key, std::int64_t value);
void WriteBool(JsonWriter& w, const char* key, bool value);
void WriteTime(JsonWriter& w, const char* key, Millis value);
void WriteStrings(JsonWriter& w, const char* key, const std::vector<std::string>& values);

/// Reads member `name` as a string list; nullopt when absent; `ok` false when mistyped.
std::optional<std::vector<std::string>> ReadStrings(const rapidjson::Value& obj, const char* name,
                                                    bool& ok);

}  // namespace mpctl::emulator
