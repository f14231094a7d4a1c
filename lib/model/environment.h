#pragma once

#include <string>

namespace mpctl::model {

/// How the admin client authenticates; exactly one way is set (the manifest checks it).
/// Holds names of files and environment variables, never secret values.
struct AdminCredentials {
  std::string client_id;
  std::string kid;               // header kid for key_file/key_env
  std::string key_file;          // private key PEM (PKCS#1 or PKCS#8)
  std::string key_env;           // variable holding PEM or base64 of PEM
  std::string certificate_file;  // PKCS#12 business certificate → header x5c
  std::string password_env;      // variable holding the PKCS#12 password
  std::string token_env;         // variable holding an access token obtained elsewhere
};

/// Where and as whom one environment is reached.
struct Environment {
  std::string name;          // e.g. test, prod
  std::string organization;  // 9-digit orgno the admin client acts for
  std::string api_url;       // API base including the path prefix, no trailing slash
  std::string auth_server;   // Maskinporten issuer, with trailing slash
  AdminCredentials admin;
  int connect_timeout_seconds = 10;
  int timeout_seconds = 30;
};

/// Defaults for the well-known environment names (design.md §3, portal-api.md §1.1).
inline constexpr char kTestApiUrl[] = "https://api.test.samarbeid.digdir.no/api/v1";
inline constexpr char kTestAuthServer[] = "https://test.maskinporten.no/";
inline constexpr char kProdApiUrl[] = "https://api.samarbeid.digdir.no/api/v1";
inline constexpr char kProdAuthServer[] = "https://maskinporten.no/";

}  // namespace mpctl::model
