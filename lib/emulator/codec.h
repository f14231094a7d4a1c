// JSON views of the emulator's entities: the API view (what the portal returns) and the store
// view (the API view plus internal fields, for the state file).
#pragma once

#include <string>

#include "emulator/json.h"
#include "emulator/types.h"

namespace mpctl::emulator {

enum class View { kApi, kStore };

/// JsonWebKey as the portal returns it (kid, alg, use, kty, e, n, exp, created, last_updated).
void WriteJwk(JsonWriter& w, const Jwk& key, View view);
/// {"keys":[...], "created", "last_updated"} of a client.
void WriteJwks(JsonWriter& w, const Client& client, View view);
/// ClientResponse.
void WriteClient(JsonWriter& w, const Client& client, View view);
/// Scope.
void WriteScope(JsonWriter& w, const Scope& scope);
/// ScopeAccess; organisation names come from `state.organisations`.
void WriteAccess(JsonWriter& w, const Access& access, const State& state, View view);

/// Readers of the store view; they trust their input's shape and skip what is missing.
Jwk ReadStoredJwk(const rapidjson::Value& v);
Client ReadStoredClient(const rapidjson::Value& v);
Scope ReadStoredScope(const rapidjson::Value& v);
Access ReadStoredAccess(const rapidjson::Value& v);

/// Member helpers with defaults, for trusted input.
std::string StringOr(const rapidjson::Value& obj, const char* name, std::string fallback = "");
std::int64_t IntOr(const rapidjson::Value& obj, const char* name, std::int64_t fallback = 0);
bool BoolOr(const rapidjson::Value& obj, const char* name, bool fallback);
std::vector<std::string> StringsOr(const rapidjson::Value& obj, const char* name);

}  // namespace mpctl::emulator
