#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mpctl::base {

/// Joins `parts` with `separator` between them.
std::string Join(const std::vector<std::string>& parts, std::string_view separator);
/// Splits on every `separator`; empty fields are kept.
std::vector<std::string> Split(std::string_view text, char separator);
/// Removes ASCII white space at both ends.
std::string_view Trim(std::string_view text);
bool StartsWith(std::string_view text, std::string_view prefix);
bool EndsWith(std::string_view text, std::string_view suffix);
std::string ToLower(std::string_view text);

/// Levenshtein distance, for "did you mean" hints.
std::size_t EditDistance(std::string_view a, std::string_view b);
/// The candidate closest to `word` when it is close enough to be a likely typo, else nullopt.
std::optional<std::string> ClosestMatch(std::string_view word,
                                        const std::vector<std::string>& candidates);

/// Standard base64 with padding (RFC 4648 §4).
std::string Base64Encode(std::string_view bytes);
/// URL-safe base64 without padding (RFC 4648 §5), as JWK and JWT use it.
std::string Base64UrlEncode(std::string_view bytes);
/// Decodes standard or URL-safe base64, padded or not; white space is skipped. For input
/// people paste (key vault exports); where a spec fixes the alphabet use a strict variant.
/// nullopt when a character is not base64 or the length is impossible.
std::optional<std::string> Base64Decode(std::string_view text);
/// Strict standard base64 (RFC 4648 §4), as `x5c` requires (RFC 7515 §4.1.6): alphabet
/// A-Z a-z 0-9 + / only, padded to a multiple of 4 with '=', no white space.
std::optional<std::string> Base64DecodeStandard(std::string_view text);
/// Strict base64url (RFC 4648 §5, RFC 7515 §2), as JWK members and JWS parts use it:
/// alphabet A-Z a-z 0-9 - _ only, no padding, no white space.
std::optional<std::string> Base64UrlDecode(std::string_view text);

/// Lower-case hexadecimal of `bytes`.
std::string HexEncode(std::string_view bytes);

/// Quotes `value` as a JSON string literal (with the quotes).
std::string JsonQuote(std::string_view value);

/// Formats epoch seconds as an RFC 3339 UTC date, "2026-12-06".
std::string FormatDate(std::int64_t epoch_seconds);
/// Formats epoch seconds as RFC 3339 UTC, "2026-12-06T10:00:00Z".
std::string FormatTimestamp(std::int64_t epoch_seconds);
/// Parses RFC 3339 ("2021-09-15T10:20:43.354+02:00", "...Z", fractional seconds optional)
/// into epoch seconds; nullopt when it is not of that form.
std::optional<std::int64_t> ParseTimestamp(std::string_view text);
/// As ParseTimestamp, in epoch milliseconds (fractional digits past the third are dropped).
std::optional<std::int64_t> ParseTimestampMillis(std::string_view text);

}  // namespace mpctl::base
