#include "auth/credentials.h"

#include <cstdlib>

#include "auth/grant_token_source.h"
#include "base/sanitize.h"

namespace mpctl::auth {

namespace {

base::Error Invalid(std::string message) {
  return base::MakeError(base::ErrorCode::kInvalidInput, std::move(message));
}

base::Result<base::Secret> ReadEnv(const AuthDeps& deps, const std::string& name,
                                   const std::string& field) {
  std::optional<base::Secret> value = deps.env(name);
  if (!value || value->empty()) {
    return Invalid("environment variable '" + name + "' (" + field + ") is not set");
  }
  return std::move(*value);
}

base::Result<GrantSigner> MakeSigner(const AdminAuthConfig& config, const AuthDeps& deps) {
  if (!config.certificate_file.empty()) {
    if (config.password_env.empty()) {
      return Invalid("certificate_file '" + config.certificate_file + "' needs password_env");
    }
    auto bytes = deps.files->Read(config.certificate_file);
    if (!bytes.ok()) return bytes.error();
    base::Secret der(std::move(bytes.value()));
    auto password = ReadEnv(deps, config.password_env, "password_env");
    if (!password.ok()) return password.error();
    auto bundle = crypto::LoadPkcs12(der.Reveal(), *password,
                                     "certificate_file '" + config.certificate_file + "'");
    if (!bundle.ok()) return bundle.error();
    return GrantSigner::WithCertificateChain(std::move(bundle->key),
                                             std::move(bundle->chain_der));
  }
  if (config.kid.empty()) {
    return Invalid("admin_client needs a kid with key_file or key_env: the id of the key "
                   "registered on admin client '" + config.client_id + "'");
  }
  base::Secret pem;
  std::string origin;
  if (!config.key_file.empty()) {
    auto bytes = deps.files->Read(config.key_file);
    if (!bytes.ok()) return bytes.error();
    pem = base::Secret(std::move(bytes.value()));
    origin = "key_file '" + config.key_file + "'";
  } else {
    auto value = ReadEnv(deps, config.key_env, "key_env");
    if (!value.ok()) return value.error();
    pem = std::move(value.value());
    origin = "environment variable '" + config.key_env + "'";
  }
  auto key = crypto::PrivateKey::FromPem(pem, origin);
  if (!key.ok()) return key.error();
  return GrantSigner::WithKid(std::move(key.value()), config.kid);
}

}  // namespace

EnvLookup ProcessEnv() {
  return [](const std::string& name) -> std::optional<base::Secret> {
    const char* value = std::getenv(name.c_str());
    if (value == nullptr) return std::nullopt;
    return base::Secret(value);
  };
}

base::Result<std::unique_ptr<TokenSource>> MakeTokenSource(const AdminAuthConfig& config,
                                                           const AuthDeps& deps) {
  int ways = !config.key_file.empty() + !config.key_env.empty() +
             !config.certificate_file.empty() + !config.token_env.empty();
  if (ways != 1) {
    return Invalid("admin_client must set exactly one of key_file, key_env, certificate_file "
                   "or token_env (found " + std::to_string(ways) + ")");
  }
  if (!config.token_env.empty()) {
    auto token = ReadEnv(deps, config.token_env, "token_env");
    if (!token.ok()) return token.error();
    if (!base::IsB64Token(token->Reveal())) {
      return Invalid("environment variable '" + config.token_env +
                     "' (token_env) does not hold a bearer token (RFC 6750: letters, digits, "
                     "-._~+/ and trailing =); check what was exported");
    }
    return std::unique_ptr<TokenSource>(new StaticTokenSource(std::move(token.value())));
  }
  if (config.client_id.empty()) return Invalid("admin_client.client_id is empty");
  auto signer = MakeSigner(config, deps);
  if (!signer.ok()) return signer.error();
  return std::unique_ptr<TokenSource>(new GrantTokenSource(
      std::move(signer.value()), config.client_id, config.auth_server, deps.http, deps.clock,
      deps.discovery));
}

}  // namespace mpctl::auth
