#include "import_entry.h"

#include "base/check.h"
#include "base/strings.h"
#include "crypto/keys.h"
#include "model/ownership.h"

namespace mpctl::cli {

namespace {

// Norwegian letters (UTF-8) spelled in ASCII the way Norwegians do without them: æ → ae,
// ø → o, å → aa (and the capitals), so "Økonomi" becomes "okonomi", not "konomi".
std::string Transliterate(const std::string& text) {
  static const std::pair<const char*, const char*> kLetters[] = {
      {"\xC3\xA6", "ae"}, {"\xC3\x86", "ae"}, {"\xC3\xB8", "o"},
      {"\xC3\x98", "o"},  {"\xC3\xA5", "aa"}, {"\xC3\x85", "aa"}};
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    bool replaced = false;
    for (const auto& [utf8, ascii] : kLetters) {
      if (text.compare(i, 2, utf8) == 0) {
        out += ascii;
        i += 2;
        replaced = true;
        break;
      }
    }
    if (!replaced) out += text[i++];
  }
  return out;
}

}  // namespace

std::string EntryName(const model::LiveClient& client, const std::set<std::string>& taken) {
  std::string name;
  for (char c : base::ToLower(Transliterate(client.client_name))) {
    bool plain = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (plain) {
      name += c;
    } else if (!name.empty() && name.back() != '-') {
      name += '-';
    }
  }
  while (!name.empty() && name.back() == '-') name.pop_back();
  if (name.size() > 55) name.resize(55);  // room for a "-N" suffix within 63
  while (!name.empty() && name.back() == '-') name.pop_back();
  if (name.empty()) name = "client-" + base::ToLower(client.client_id.substr(0, 8));
  std::string candidate = name;
  for (int n = 2; taken.contains(candidate); ++n) candidate = name + "-" + std::to_string(n);
  return candidate;
}

std::string ImportEntryYaml(const model::LiveClient& client, const std::string& name,
                            const std::string& environment) {
  MPCTL_CHECK(client.keys.has_value());
  std::string out = "  " + name + ":\n";
  out += "    display_name: " + base::JsonQuote(client.client_name) + "\n";
  out += "    description: " + base::JsonQuote(model::StripOwnershipTag(client.description)) + "\n";
  std::vector<std::string> scopes;
  for (const auto& scope : client.scopes) scopes.push_back(base::JsonQuote(scope));
  out += "    scopes: [" + base::Join(scopes, ", ") + "]\n";
  if (!client.keys->empty()) out += "    keys:\n";
  for (const auto& key : *client.keys) {
    crypto::RsaPublicKey material{key.n, key.e, key.bits};
    out += "      - kid: " + base::JsonQuote(key.kid);
    if (key.exp) out += "  # expires " + base::FormatDate(*key.exp);
    if (key.alg != "RS256") out += "\n        alg: " + key.alg;
    out += "\n        jwk: " + crypto::PublicJwkJson(material, key.kid, key.alg) + "\n";
  }
  out += "    environments: [" + environment + "]\n";
  out += "    overrides:\n";
  out += "      " + environment + ":\n";
  out += "        client_id: " + base::JsonQuote(client.client_id) + "\n";
  return out;
}

}  // namespace mpctl::cli
