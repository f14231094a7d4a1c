#include "base/sanitize.h"

#include <array>
#include <cstdint>

#include "base/strings.h"

namespace mpctl::base {

namespace {

constexpr char kRedacted[] = "[redacted]";

bool IsTokenChar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
}

bool IsBase64UrlChar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_';
}

// Length of the UTF-8 sequence starting at `i`, or 0 when it is not valid UTF-8.
std::size_t Utf8Length(std::string_view text, std::size_t i) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  unsigned char c = byte(i);
  std::size_t n = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c < 0xE0 ? 2 : 0;
  if (n == 0 || i + n > text.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
  }
  // Overlong three-byte forms, surrogates and code points above U+10FFFF.
  if (c == 0xE0 && byte(i + 1) < 0xA0) return 0;
  if (c == 0xED && byte(i + 1) >= 0xA0) return 0;
  if (c == 0xF0 && byte(i + 1) < 0x90) return 0;
  if (c == 0xF4 && byte(i + 1) >= 0x90) return 0;
  return n;
}

void AppendHex(std::string& out, const char* prefix, unsigned value, int digits) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += prefix;
  for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) out += kHex[(value >> shift) & 0xF];
}

bool StartsWithAt(std::string_view text, std::size_t i, std::string_view word) {
  if (i + word.size() > text.size()) return false;
  for (std::size_t k = 0; k < word.size(); ++k) {
    char c = text[i + k];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != word[k]) return false;
  }
  return true;
}

// After a key word ("bearer", "assertion", "access_token", ...): the separator that may
// follow it and then the position of the secret value; npos when no separator follows.
// "Bearer" takes spaces; the other words need ':' or '=' (quotes and spaces around them).
std::size_t ValueStart(std::string_view text, std::size_t i, bool spaces_suffice) {
  std::size_t start = i;
  bool assigned = false;
  while (i < text.size() && i - start < 8 &&
         (text[i] == ' ' || text[i] == ':' || text[i] == '=' || text[i] == '"' || text[i] == '\'' ||
          text[i] == '\\')) {
    if (text[i] == ':' || text[i] == '=') assigned = true;
    ++i;
  }
  if (i == start) return std::string_view::npos;
  if (!assigned && !(spaces_suffice && text[start] == ' ')) return std::string_view::npos;
  return i;
}

std::size_t ValueEnd(std::string_view text, std::size_t i) {
  while (i < text.size()) {
    char c = text[i];
    if (c == '"' || c == '\'' || c == '&' || c == ',' || c == ' ' || c == '\\' || c == '}' ||
        c == '\n' || c == '\r' || c == '\t' || c == ';' || c == '<')
      break;
    ++i;
  }
  return i;
}

// The code point of the 3-byte UTF-8 sequence at `i` (already checked by Utf8Length).
unsigned CodePoint3(std::string_view text, std::size_t i) {
  auto b = [&](std::size_t k) { return static_cast<unsigned char>(text[i + k]) & 0x3Fu; };
  return ((static_cast<unsigned char>(text[i]) & 0x0Fu) << 12) | (b(1) << 6) | b(2);
}

// LRM, RLM, the embeddings and overrides (U+202A..U+202E) and the isolates (U+2066..U+2069).
bool IsBidiControl(unsigned point) {
  return point == 0x200E || point == 0x200F || (point >= 0x202A && point <= 0x202E) ||
         (point >= 0x2066 && point <= 0x2069);
}

}  // namespace

bool IsB64Token(std::string_view token) {
  std::size_t i = 0;
  while (i < token.size() && IsTokenChar(token[i])) ++i;
  if (i == 0) return false;
  while (i < token.size() && token[i] == '=') ++i;
  return i == token.size();
}

std::string EscapeControl(std::string_view text, bool keep_newlines) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      if (c == '\n' && keep_newlines) {
        out += '\n';
      } else if (c == '\n') {
        out += "\\n";
      } else if (c == '\r') {
        out += "\\r";
      } else if (c == '\t') {
        out += "\\t";
      } else if (c < 0x20 || c == 0x7F) {
        AppendHex(out, "\\x", c, 2);
      } else {
        out += static_cast<char>(c);
      }
      ++i;
      continue;
    }
    std::size_t n = Utf8Length(text, i);
    if (n == 0) {
      AppendHex(out, "\\x", c, 2);
      ++i;
      continue;
    }
    if (n == 2 && c == 0xC2 && static_cast<unsigned char>(text[i + 1]) < 0xA0) {
      // C1 controls U+0080..U+009F (e.g. CSI) act like ESC sequences on many terminals.
      AppendHex(out, "\\u", 0x80u + (static_cast<unsigned char>(text[i + 1]) - 0x80u), 4);
    } else if (unsigned point = n == 3 ? CodePoint3(text, i) : 0; IsBidiControl(point)) {
      // Bidirectional overrides reorder what a reader sees ("Trojan Source"): a hostile
      // name could make a plan line read differently from what it says.
      AppendHex(out, "\\u", point, 4);
    } else {
      out.append(text.substr(i, n));
    }
    i += n;
  }
  return out;
}

std::string Truncate(std::string_view text, std::size_t max) {
  if (text.size() <= max) return std::string(text);
  std::size_t cut = max;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return std::string(text.substr(0, cut)) + "... (" + std::to_string(text.size() - cut) +
         " more bytes)";
}

std::string ScrubSecrets(std::string_view text) {
  static constexpr std::array<std::string_view, 6> kKeys = {
      "bearer", "assertion", "access_token", "client_assertion", "password", "authorization"};
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    // PEM private key blocks.
    if (text[i] == '-' && StartsWithAt(text, i, "-----begin")) {
      std::size_t line_end = text.find("-----", i + 10);
      std::string_view label =
          line_end == std::string_view::npos ? "" : text.substr(i, line_end - i);
      if (label.find("PRIVATE") != std::string_view::npos ||
          label.find("private") != std::string_view::npos) {
        std::size_t end = text.find("-----END", line_end);
        std::size_t stop =
            end == std::string_view::npos ? text.size() : text.find("-----", end + 8);
        stop = stop == std::string_view::npos ? text.size() : stop + 5;
        out += "[redacted private key]";
        i = stop;
        continue;
      }
    }
    // JWTs: "eyJ" header, three base64url parts.
    if (text[i] == 'e' && text.substr(i, 3) == "eyJ" && (i == 0 || !IsBase64UrlChar(text[i - 1]))) {
      std::size_t j = i;
      int dots = 0;
      while (j < text.size() && (IsBase64UrlChar(text[j]) || text[j] == '.')) {
        if (text[j] == '.') ++dots;
        ++j;
      }
      if (dots >= 1) {
        out += kRedacted;
        i = j;
        continue;
      }
    }
    bool matched = false;
    if (i == 0 || !IsBase64UrlChar(text[i - 1])) {
      for (std::string_view key : kKeys) {
        if (!StartsWithAt(text, i, key)) continue;
        std::size_t value = ValueStart(text, i + key.size(), key == "bearer");
        if (value == std::string_view::npos) continue;  // the bare word, no value follows
        // "Authorization: Bearer x": keep the scheme word, redact what follows it.
        if (key == "authorization" && StartsWithAt(text, value, "bearer")) {
          value = ValueStart(text, value + 6, true);
          if (value == std::string_view::npos) continue;
        }
        std::size_t end = ValueEnd(text, value);
        // "bearer token" in prose is not a secret; tokens are long.
        if (end == value || (key == "bearer" && end - value < 16)) continue;
        out.append(text.substr(i, value - i));
        out += kRedacted;
        i = end;
        matched = true;
        break;
      }
    }
    if (!matched) out += text[i++];
  }
  return out;
}

std::string Printable(std::string_view text, std::size_t max) {
  return Truncate(EscapeControl(ScrubSecrets(text)), max);
}

}  // namespace mpctl::base
