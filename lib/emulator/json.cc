#include "emulator/json.h"

#include <rapidjson/error/en.h>

#include <cstdio>

#include "base/strings.h"

namespace mpctl::emulator {

namespace {

// Request bodies nest a few levels; deeper ones are refused before parsing.
constexpr int kMaxDepth = 64;

// Offset of the first bracket nested deeper than kMaxDepth (outside strings), or npos.
std::size_t TooDeepAt(std::string_view text) {
  int depth = 0;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (quoted) {
      if (text[i] == '\\') {
        ++i;
      } else if (text[i] == '"') {
        quoted = false;
      }
    } else if (text[i] == '"') {
      quoted = true;
    } else if (text[i] == '[' || text[i] == '{') {
      if (++depth > kMaxDepth) return i;
    } else if (text[i] == ']' || text[i] == '}') {
      --depth;
    }
  }
  return std::string_view::npos;
}

}  // namespace

std::optional<std::string> ParseJson(std::string_view text, rapidjson::Document& doc) {
  if (std::size_t at = TooDeepAt(text); at != std::string_view::npos) {
    doc.SetNull();
    return "invalid JSON at offset " + std::to_string(at) + ": nested deeper than " +
           std::to_string(kMaxDepth) + " levels";
  }
  // Iterative: a hostile body cannot overflow the stack of a server thread.
  doc.Parse<rapidjson::kParseIterativeFlag>(text.data(), text.size());
  if (doc.HasParseError()) {
    return std::string("invalid JSON at offset ") + std::to_string(doc.GetErrorOffset()) + ": " +
           base::ToLower(rapidjson::GetParseError_En(doc.GetParseError()));
  }
  return std::nullopt;
}

const rapidjson::Value* Member(const rapidjson::Value& obj, const char* name) {
  if (!obj.IsObject()) return nullptr;
  auto it = obj.FindMember(name);
  if (it == obj.MemberEnd() || it->value.IsNull()) return nullptr;
  return &it->value;
}

std::string FormatTime(Millis millis) {
  std::int64_t seconds = millis / 1000;
  int ms = static_cast<int>(millis % 1000);
  if (ms < 0) {
    ms += 1000;
    --seconds;
  }
  std::string base = base::FormatTimestamp(seconds);  // "YYYY-MM-DDTHH:MM:SSZ"
  base.pop_back();
  char fraction[16];
  std::snprintf(fraction, sizeof fraction, ".%03d+00:00", ms);
  return base + fraction;
}

std::optional<Millis> ParseTime(std::string_view text) {
  auto seconds = base::ParseTimestamp(text);
  if (!seconds) return std::nullopt;
  Millis ms = 0;
  std::size_t dot = text.find('.');
  if (dot != std::string_view::npos) {
    int digits = 0;
    for (std::size_t i = dot + 1; i < text.size() && digits < 3; ++i, ++digits) {
      if (text[i] < '0' || text[i] > '9') break;
      ms = ms * 10 + (text[i] - '0');
    }
    for (; digits < 3; ++digits) ms *= 10;
  }
  return *seconds * 1000 + ms;
}

void WriteString(JsonWriter& w, const char* key, const std::string& value) {
  w.Key(key);
  w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
}

void WriteStringOrNull(JsonWriter& w, const char* key, const std::string& value) {
  w.Key(key);
  if (value.empty()) {
    w.Null();
  } else {
    w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
  }
}

void WriteInt(JsonWriter& w, const char* key, std::int64_t value) {
  w.Key(key);
  w.Int64(value);
}

void WriteBool(JsonWriter& w, const char* key, bool value) {
  w.Key(key);
  w.Bool(value);
}

void WriteTime(JsonWriter& w, const char* key, Millis value) {
  WriteString(w, key, FormatTime(value));
}

void WriteStrings(JsonWriter& w, const char* key, const std::vector<std::string>& values) {
  w.Key(key);
  w.StartArray();
  for (const auto& v : values) w.String(v.data(), static_cast<rapidjson::SizeType>(v.size()));
  w.EndArray();
}

std::optional<std::vector<std::string>> ReadStrings(const rapidjson::Value& obj, const char* name,
                                                    bool& ok) {
  const rapidjson::Value* v = Member(obj, name);
  if (v == nullptr) return std::nullopt;
  if (!v->IsArray()) {
    ok = false;
    return std::nullopt;
  }
  std::vector<std::string> out;
  for (const auto& item : v->GetArray()) {
    if (!item.IsString()) {
      ok = false;
      return std::nullopt;
    }
    out.emplace_back(item.GetString(), item.GetStringLength());
  }
  return out;
}

}  // namespace mpctl::emulator
