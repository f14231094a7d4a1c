// lib/base: making untrusted text (server answers, file contents) safe to print.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace mpctl::base {

/// Longest error message printed; the rest is cut (server text can be megabytes).
inline constexpr std::size_t kMaxMessageChars = 4096;
/// Longest single server-sent string (error description, name, id) kept in a message.
inline constexpr std::size_t kMaxServerTextChars = 512;

/// True when `token` is an RFC 6750 b64token: 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" /
/// "+" / "/" ) *"=", so it can go into an Authorization header unchanged (no CR LF, space).
bool IsB64Token(std::string_view token);

/// Control characters (C0, DEL, C1 as UTF-8) written as \n, \r, \t, \xNN or \u00NN,
/// bidirectional controls (U+200E/F, U+202A..E, U+2066..9) as \uNNNN, and bytes that are not
/// UTF-8 as \xNN, so nothing reaches a terminal as a command or reads reordered.
/// `keep_newlines` leaves '\n' as is (multi-line output).
std::string EscapeControl(std::string_view text, bool keep_newlines = false);

/// `text` cut to at most `max` bytes (not inside a UTF-8 sequence) plus
/// "... (N more bytes)" when cut.
std::string Truncate(std::string_view text, std::size_t max);

/// `text` with anything that looks like a secret replaced by "[redacted]": JWTs (access
/// tokens, client assertions), the value after "Bearer ", "assertion=", "access_token",
/// "password", and PEM private key blocks. For server answers that echo the request.
std::string ScrubSecrets(std::string_view text);

/// ScrubSecrets, EscapeControl and Truncate to `max`: for any untrusted text in a message.
std::string Printable(std::string_view text, std::size_t max = kMaxServerTextChars);

}  // namespace mpctl::base
