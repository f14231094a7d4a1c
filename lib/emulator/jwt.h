#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "emulator/json.h"

namespace mpctl::emulator {

/// A compact JWS split into its parts; header and claims parsed as JSON objects.
struct Jwt {
  rapidjson::Document header;
  rapidjson::Document claims;
  std::string signing_input;  // "<header>.<payload>" as received
  std::string signature;      // raw bytes
};

/// Splits and decodes `token`; an error message (never quoting the token) or nullopt.
std::optional<std::string> DecodeJwt(std::string_view token, Jwt& out);

}  // namespace mpctl::emulator
