#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "auth/discovery.h"
#include "auth/token_http.h"
#include "auth/token_source.h"
#include "base/clock.h"
#include "base/file_reader.h"
#include "base/result.h"
#include "base/secret.h"

namespace mpctl::auth {

/// How the admin client authenticates: names of files and environment variables, never
/// secret values. Exactly one of key_file, key_env, certificate_file, token_env is set.
struct AdminAuthConfig {
  std::string client_id;
  std::string auth_server;       // the issuer, e.g. https://test.maskinporten.no/
  std::string kid;               // with key_file / key_env
  std::string key_file;          // private key PEM (PKCS#1 or PKCS#8)
  std::string key_env;           // variable holding PEM or base64 of PEM
  std::string certificate_file;  // PKCS#12 business certificate → header x5c
  std::string password_env;      // variable holding the PKCS#12 password
  std::string token_env;         // variable holding an access token obtained elsewhere
};

/// Reads an environment variable; nullopt when unset. Values are secrets from the start.
using EnvLookup = std::function<std::optional<base::Secret>(const std::string& name)>;

/// The process environment.
EnvLookup ProcessEnv();

/// What MakeTokenSource needs from the outside world; tests pass fakes.
struct AuthDeps {
  std::shared_ptr<TokenHttp> http;
  std::shared_ptr<const base::Clock> clock;
  const base::FileReader* files = nullptr;  // must outlive the call
  EnvLookup env;
  /// Discovered metadata shared by the connections of one run; null: each discovers.
  std::shared_ptr<DiscoveryCache> discovery;
};

/// A TokenSource for `config`: StaticTokenSource for token_env, else a GrantTokenSource
/// signing with the key (kid) or the certificate (x5c). Reads files and variables now, so
/// a missing or unreadable credential is an error before any network call. Errors name the
/// file or variable, never its content (kInvalidInput).
base::Result<std::unique_ptr<TokenSource>> MakeTokenSource(const AdminAuthConfig& config,
                                                           const AuthDeps& deps);

}  // namespace mpctl::auth
