#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/diagnostics.h"

namespace mpctl::manifest {

/// Where a value sits in the manifest: its position and JSON path, for error messages.
struct Origin {
  base::SourceLocation location;
  std::string path;
};

/// A value as written, with its origin. Strings are not yet interpolated (`${VAR}` intact).
template <typename T>
struct Value {
  T value;
  Origin origin;
};

using Text = Value<std::string>;
using TextList = Value<std::vector<Text>>;

/// Where one public key's material comes from (exactly one per key).
enum class KeySource { kPemFile, kJwkFile, kJwk, kPem, kEnv };

/// One entry of a `keys:` list.
struct RawKey {
  Origin origin;  // the list item
  std::optional<Text> kid;
  std::optional<Text> alg;
  KeySource source = KeySource::kPem;
  Text material;  // file name, PEM text, JWK as JSON text, or variable name
};

/// A `keys:` list; `origin` is the `keys:` line.
struct RawKeyList {
  Origin origin;
  std::vector<RawKey> items;
};

/// The fields a client entry and its `overrides.<env>` may set; absent ones are nullopt.
struct RawClientFields {
  std::optional<Text> display_name;
  std::optional<Text> description;
  std::optional<TextList> scopes;
  std::optional<RawKeyList> keys;
  std::optional<Value<bool>> prevent_destroy;
  std::optional<Text> client_id;  // only under overrides
  bool scopes_given = false;      // `scopes:` written, even with a value of the wrong type
};

template <typename Fields>
struct RawOverride {
  std::string environment;
  Origin origin;  // the environment's key under `overrides:`
  Fields fields;
};

struct RawClient {
  std::string name;
  Origin origin;  // the entry's key
  RawClientFields fields;
  std::optional<TextList> environments;
  std::vector<RawOverride<RawClientFields>> overrides;
};

/// The fields a provider scope and its `overrides.<env>` may set.
struct RawScopeFields {
  std::optional<Text> description;
  std::optional<Text> long_description;
  std::optional<Text> visibility;
  std::optional<TextList> allowed_integration_types;
  std::optional<Value<std::int64_t>> token_lifetime_seconds;
  std::optional<Value<bool>> accessible_for_all;
  std::optional<TextList> consumers;
  std::optional<Value<bool>> prevent_destroy;
  bool description_given = false;  // `description:` written, even with a wrong type
};

struct RawScope {
  std::string name;
  Origin origin;
  RawScopeFields fields;
  std::optional<TextList> environments;
  std::vector<RawOverride<RawScopeFields>> overrides;
};

struct RawAdminClient {
  Origin origin;
  std::optional<Text> client_id, kid, key_file, key_env, certificate_file, password_env, token_env;
};

struct RawEnvironment {
  std::string name;
  Origin origin;
  std::optional<Text> organization, api_url, auth_server;
  std::optional<RawAdminClient> admin_client;
  std::optional<Value<std::int64_t>> connect_timeout_seconds, timeout_seconds;
};

/// The manifest as written: structure checked, values not yet interpolated or resolved.
struct RawManifest {
  std::optional<Text> owner;
  std::vector<RawEnvironment> environments;  // in file order
  std::vector<RawClient> clients;            // in file order
  std::vector<RawScope> scopes;              // in file order
};

}  // namespace mpctl::manifest
