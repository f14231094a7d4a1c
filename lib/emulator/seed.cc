#include "emulator/seed.h"

#include <yaml-cpp/yaml.h>

#include <cstdlib>
#include <filesystem>

#include "base/strings.h"
#include "crypto/keys.h"

namespace mpctl::emulator {

namespace {

constexpr std::int64_t kDay = 24 * 3600;

// Thrown inside this file only and turned into an Error by ParseSeed.
struct SeedError {
  std::string message;
};

class SeedReader {
 public:
  SeedReader(std::string origin, std::string base_dir, const base::FileReader& files, Millis now)
      : origin_(std::move(origin)), base_dir_(std::move(base_dir)), files_(files), now_(now) {}

  State Read(const YAML::Node& root) {
    State state;
    if (!root.IsDefined() || root.IsNull()) return WithDefaults(state);
    if (!root.IsMap()) Fail(root, "", "the seed must be a mapping");
    CheckKeys(root, "",
              {"organisations", "admin_clients", "certificate_authorities", "delegation_sources",
               "scopes", "access", "clients"});
    ForEach(root, "organisations", [&](const YAML::Node& n, const std::string& at) {
      CheckKeys(n, at, {"orgno", "name", "prefixes"});
      Organisation org{Orgno(n, at + ".orgno"), Str(n, "name", at, false),
                       Strings(n, "prefixes", at)};
      state.organisations[org.orgno] = org;
    });
    ForEach(root, "admin_clients", [&](const YAML::Node& n, const std::string& at) {
      CheckKeys(n, at, {"client_id", "orgno", "scopes", "keys", "access_token_lifetime"});
      AdminClient admin;
      admin.client_id = Str(n, "client_id", at, true);
      admin.orgno = Orgno(n, at + ".orgno");
      admin.scopes = Strings(n, "scopes", at);
      admin.keys = Keys(n, at);
      admin.access_token_lifetime = Int(n, "access_token_lifetime", at, 120);
      state.admin_clients[admin.client_id] = admin;
    });
    ForEach(root, "certificate_authorities", [&](const YAML::Node& n, const std::string& at) {
      CheckKeys(n, at, {"certificate_file", "pem"});
      if ((n["certificate_file"] ? 1 : 0) + (n["pem"] ? 1 : 0) != 1) {
        Fail(n, at, "give exactly one of certificate_file and pem");
      }
      std::string pem = n["pem"] ? Scalar(n["pem"], at + ".pem")
                                 : ReadRelative(n["certificate_file"], at + ".certificate_file");
      auto checked = crypto::CheckCaCertificatePem(pem);
      if (!checked.ok()) Fail(n, at, checked.error().message);
      state.certificate_authorities.push_back(pem);
    });
    ForEach(root, "delegation_sources", [&](const YAML::Node& n, const std::string& at) {
      CheckKeys(n, at, {"name", "issuer"});
      state.delegation_sources.push_back({Str(n, "name", at, true), Str(n, "issuer", at, true)});
    });
    ForEach(root, "scopes", [&](const YAML::Node& n, const std::string& at) {
      CheckKeys(n, at, {"prefix", "subscope", "owner_orgno", "description", "long_description",
                        "active", "visibility", "allowed_integration_types", "accessible_for_all",
                        "delegation_source", "at_max_age"});
      Scope s;
      s.prefix = Str(n, "prefix", at, true);
      s.subscope = Str(n, "subscope", at, true);
      s.name = s.prefix + ":" + s.subscope;
      s.owner_orgno = Orgno(n, at + ".owner_orgno");
      s.description = Str(n, "description", at, false);
      s.long_description = Str(n, "long_description", at, false);
      s.active = Bool(n, "active", at, true);
      s.visibility = Str(n, "visibility", at, false, "PUBLIC");
      if (s.visibility != "PUBLIC" && s.visibility != "PRIVATE" && s.visibility != "INTERNAL") {
        Fail(n["visibility"], at + ".visibility", "must be PUBLIC, PRIVATE or INTERNAL");
      }
      s.allowed_integration_types = n["allowed_integration_types"]
                                        ? Strings(n, "allowed_integration_types", at)
                                        : std::vector<std::string>{"maskinporten"};
      s.accessible_for_all = Bool(n, "accessible_for_all", at, false);
      s.delegation_source = Str(n, "delegation_source", at, false);
      s.at_max_age = Int(n, "at_max_age", at, 0);
      s.created = s.last_updated = now_;
      state.scopes[s.name] = s;
    });
    ForEach(root, "access", [&](const YAML::Node& n, const std::string& at) {
      CheckKeys(n, at, {"scope", "consumer_orgno", "state"});
      Access a;
      a.scope = Str(n, "scope", at, true);
      if (state.scopes.count(a.scope) == 0) {
        Fail(n["scope"], at + ".scope", "'" + a.scope + "' is not a scope of this seed");
      }
      a.consumer_orgno = Orgno(n, at + ".consumer_orgno");
      a.state = Str(n, "state", at, false, "APPROVED");
      if (a.state != "APPROVED" && a.state != "DENIED" && a.state != "REQUESTED") {
        Fail(n["state"], at + ".state", "must be APPROVED, DENIED or REQUESTED");
      }
      a.created = a.last_updated = now_;
      state.access[{a.scope, a.consumer_orgno}] = a;
    });
    ForEach(root, "clients", [&](const YAML::Node& n, const std::string& at) {
      CheckKeys(n, at, {"client_id", "client_orgno", "client_name", "description", "scopes",
                        "integration_type", "active", "keys", "access_token_lifetime"});
      Client c;
      c.client_id = Str(n, "client_id", at, true);
      c.client_orgno = Orgno(n, at + ".client_orgno");
      c.client_name = Str(n, "client_name", at, false);
      c.description = Str(n, "description", at, false);
      c.scopes = Strings(n, "scopes", at);
      c.integration_type = Str(n, "integration_type", at, false, "maskinporten");
      c.application_type = "web";
      c.token_endpoint_auth_method = "private_key_jwt";
      c.grant_types = {"urn:ietf:params:oauth:grant-type:jwt-bearer"};
      c.active = Bool(n, "active", at, true);
      c.access_token_lifetime = Int(n, "access_token_lifetime", at, 120);
      c.keys = Keys(n, at);
      c.created = c.last_updated = c.jwks_created = c.jwks_last_updated = now_;
      c.sequence = state.next_sequence++;
      state.clients[c.client_id] = std::make_shared<const Client>(c);
    });
    return WithDefaults(state);
  }

 private:
  static State WithDefaults(State state) {
    if (state.delegation_sources.empty()) {
      state.delegation_sources.push_back({"altinn", "https://tt02.altinn.no/"});
    }
    return state;
  }

  [[noreturn]] void Fail(const YAML::Node& node, const std::string& path,
                         const std::string& message) const {
    std::string where = origin_;
    if (node.IsDefined()) {
      YAML::Mark mark = node.Mark();
      if (mark.line >= 0) {
        where += ":" + std::to_string(mark.line + 1) + ":" + std::to_string(mark.column + 1);
      }
    }
    throw SeedError{where + ": " + (path.empty() ? "" : path + ": ") + message};
  }

  void CheckKeys(const YAML::Node& node, const std::string& at,
                 std::vector<std::string> allowed) const {
    if (!node.IsMap()) Fail(node, at, "must be a mapping");
    for (const auto& item : node) {
      std::string key = item.first.as<std::string>();
      if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
      auto hint = base::ClosestMatch(key, allowed);
      Fail(item.first, at.empty() ? key : at + "." + key,
           "unknown field" + (hint ? "; did you mean '" + *hint + "'?" : std::string()));
    }
  }

  template <typename Fn>
  void ForEach(const YAML::Node& root, const char* name, Fn&& fn) {
    YAML::Node list = root[name];
    if (!list) return;
    if (!list.IsSequence()) Fail(list, name, "must be a list");
    for (std::size_t i = 0; i < list.size(); ++i) {
      fn(list[i], std::string(name) + "[" + std::to_string(i) + "]");
    }
  }

  std::string Interpolate(const YAML::Node& node, const std::string& path,
                          const std::string& text) const {
    std::string out;
    std::size_t pos = 0;
    while (true) {
      std::size_t start = text.find("${", pos);
      if (start == std::string::npos) break;
      std::size_t end = text.find('}', start);
      if (end == std::string::npos) Fail(node, path, "unterminated '${' in '" + text + "'");
      std::string var = text.substr(start + 2, end - start - 2);
      const char* value = std::getenv(var.c_str());
      if (value == nullptr) {
        Fail(node, path, "environment variable '" + var + "' is not set");
      }
      out += text.substr(pos, start - pos) + value;
      pos = end + 1;
    }
    return out + text.substr(pos);
  }

  std::string Scalar(const YAML::Node& node, const std::string& path) const {
    if (!node.IsScalar()) Fail(node, path, "must be a single value");
    return Interpolate(node, path, node.as<std::string>());
  }

  std::string Str(const YAML::Node& parent, const char* name, const std::string& at,
                  bool required, std::string fallback = "") const {
    YAML::Node node = parent[name];
    std::string path = at + "." + name;
    if (!node || node.IsNull()) {
      if (required) Fail(parent, path, "is required");
      return fallback;
    }
    return Scalar(node, path);
  }

  std::string Orgno(const YAML::Node& parent, const std::string& path) const {
    std::string name = path.substr(path.rfind('.') + 1);
    std::string orgno = Str(parent, name.c_str(), path.substr(0, path.rfind('.')), true);
    bool digits = orgno.size() == 9 &&
                  std::all_of(orgno.begin(), orgno.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!digits) Fail(parent[name], path, "'" + orgno + "' is not a 9-digit orgno");
    return orgno;
  }

  std::int64_t Int(const YAML::Node& parent, const char* name, const std::string& at,
                   std::int64_t fallback) const {
    YAML::Node node = parent[name];
    if (!node) return fallback;
    std::string text = Scalar(node, at + "." + name);
    try {
      std::size_t used = 0;
      std::int64_t value = std::stoll(text, &used);
      if (used == text.size()) return value;
    } catch (const std::exception&) {
    }
    Fail(node, at + "." + name, "'" + text + "' is not an integer");
  }

  bool Bool(const YAML::Node& parent, const char* name, const std::string& at,
            bool fallback) const {
    YAML::Node node = parent[name];
    if (!node) return fallback;
    std::string text = Scalar(node, at + "." + name);
    if (text == "true") return true;
    if (text == "false") return false;
    Fail(node, at + "." + name, "'" + text + "' is not true or false");
  }

  std::vector<std::string> Strings(const YAML::Node& parent, const char* name,
                                   const std::string& at) const {
    YAML::Node node = parent[name];
    std::vector<std::string> out;
    if (!node) return out;
    std::string path = at + "." + name;
    if (!node.IsSequence()) Fail(node, path, "must be a list");
    for (std::size_t i = 0; i < node.size(); ++i) {
      out.push_back(Scalar(node[i], path + "[" + std::to_string(i) + "]"));
    }
    return out;
  }

  // The file that `node` names, relative to the seed's directory.
  std::string ReadRelative(const YAML::Node& node, const std::string& path) const {
    std::string file = Scalar(node, path);
    std::filesystem::path full = std::filesystem::path(file).is_absolute()
                                     ? std::filesystem::path(file)
                                     : std::filesystem::path(base_dir_) / file;
    auto text = files_.Read(full.string());
    if (!text.ok()) Fail(node, path, text.error().message);
    return *text;
  }

  // A JWK given as a YAML mapping, as JSON text for crypto::ParsePublicKey.
  std::string JwkJson(const YAML::Node& node, const std::string& path) const {
    if (!node.IsMap()) Fail(node, path, "must be a JWK mapping");
    std::string json = "{";
    for (const auto& item : node) {
      std::string key = item.first.as<std::string>();
      if (key == "x5c") continue;
      if (json.size() > 1) json += ",";
      json += base::JsonQuote(key) + ":" + base::JsonQuote(Scalar(item.second, path + "." + key));
    }
    return json + "}";
  }

  std::vector<Jwk> Keys(const YAML::Node& parent, const std::string& at) {
    std::vector<Jwk> keys;
    YAML::Node list = parent["keys"];
    if (!list) return keys;
    if (!list.IsSequence()) Fail(list, at + ".keys", "must be a list");
    for (std::size_t i = 0; i < list.size(); ++i) {
      const YAML::Node& n = list[i];
      std::string path = at + ".keys[" + std::to_string(i) + "]";
      CheckKeys(n, path, {"kid", "alg", "public_key_file", "pem", "jwk", "exp", "expires_in_days"});
      int sources = (n["public_key_file"] ? 1 : 0) + (n["pem"] ? 1 : 0) + (n["jwk"] ? 1 : 0);
      if (sources != 1) Fail(n, path, "give exactly one of public_key_file, pem and jwk");
      std::string material;
      if (n["public_key_file"]) {
        material = ReadRelative(n["public_key_file"], path + ".public_key_file");
      } else if (n["pem"]) {
        material = Scalar(n["pem"], path + ".pem");
      } else {
        material = JwkJson(n["jwk"], path + ".jwk");
      }
      auto parsed = crypto::ParsePublicKey(material, crypto::PrivateKeyPolicy::kReject);
      if (!parsed.ok()) Fail(n, path, parsed.error().message);
      Jwk key;
      key.kid = n["kid"] ? Scalar(n["kid"], path + ".kid") : parsed->jwk_kid;
      if (key.kid.empty()) Fail(n, path + ".kid", "is required (no kid in the key itself)");
      key.alg = n["alg"] ? Scalar(n["alg"], path + ".alg")
                         : (parsed->jwk_alg.empty() ? "RS256" : parsed->jwk_alg);
      key.n = parsed->key.n;
      key.e = parsed->key.e;
      std::int64_t now_s = now_ / 1000;
      key.exp = now_s + 365 * kDay;
      if (n["exp"]) key.exp = Int(n, "exp", path, 0);
      if (n["expires_in_days"]) key.exp = now_s + Int(n, "expires_in_days", path, 0) * kDay;
      key.created = key.last_updated = now_;
      for (const Jwk& other : keys) {
        if (other.kid == key.kid) Fail(n, path + ".kid", "'" + key.kid + "' is used twice");
      }
      keys.push_back(key);
    }
    return keys;
  }

  std::string origin_;
  std::string base_dir_;
  const base::FileReader& files_;
  Millis now_;
};

}  // namespace

base::Result<State> ParseSeed(std::string_view yaml, const std::string& origin,
                              const std::string& base_dir, const base::FileReader& files,
                              Millis now) {
  try {
    YAML::Node root = YAML::Load(std::string(yaml));
    return SeedReader(origin, base_dir, files, now).Read(root);
  } catch (const SeedError& e) {
    return base::MakeError(base::ErrorCode::kInvalidInput, e.message);
  } catch (const YAML::ParserException& e) {
    return base::MakeError(base::ErrorCode::kInvalidInput,
                           origin + ":" + std::to_string(e.mark.line + 1) + ":" +
                               std::to_string(e.mark.column + 1) + ": " + e.msg);
  } catch (const YAML::Exception& e) {
    return base::MakeError(base::ErrorCode::kInvalidInput, origin + ": " + e.msg);
  }
}

base::Result<State> LoadSeedFile(const std::string& path, Millis now) {
  base::DiskFileReader files;
  auto text = files.Read(path);
  if (!text.ok()) return text.error().WithContext("reading the seed");
  std::filesystem::path dir = std::filesystem::path(path).parent_path();
  return ParseSeed(*text, path, dir.empty() ? "." : dir.string(), files, now);
}

}  // namespace mpctl::emulator
