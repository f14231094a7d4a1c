#include "import_entry.h"

#include <yaml-cpp/yaml.h>

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
  // yaml-cpp writes the YAML (quoting and escaping included). Values a user typed or the
  // portal returned are double-quoted, so no name or description can change the structure.
  YAML::Emitter out;
  out.SetIndent(2);
  out << YAML::BeginMap << YAML::Key << name << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "display_name" << YAML::Value << YAML::DoubleQuoted << client.client_name;
  out << YAML::Key << "description" << YAML::Value << YAML::DoubleQuoted
      << model::StripOwnershipTag(client.description);
  out << YAML::Key << "scopes" << YAML::Value << YAML::Flow << YAML::BeginSeq;
  for (const auto& scope : client.scopes) out << YAML::DoubleQuoted << scope;
  out << YAML::EndSeq;
  if (!client.keys->empty()) {
    out << YAML::Key << "keys" << YAML::Value << YAML::BeginSeq;
    for (const auto& key : *client.keys) {
      out << YAML::BeginMap << YAML::Key << "kid" << YAML::Value << YAML::DoubleQuoted << key.kid;
      if (key.exp) out << YAML::Comment("expires " + base::FormatDate(*key.exp));
      if (key.alg != "RS256") out << YAML::Key << "alg" << YAML::Value << key.alg;
      out << YAML::Key << "jwk" << YAML::Value << YAML::Flow << YAML::BeginMap;
      crypto::RsaPublicKey material{key.n, key.e, key.bits};
      for (const auto& [member, value] : crypto::PublicJwkMembers(material, key.kid, key.alg)) {
        out << YAML::Key << YAML::DoubleQuoted << member << YAML::Value << YAML::DoubleQuoted
            << value;
      }
      out << YAML::EndMap << YAML::EndMap;
    }
    out << YAML::EndSeq;
  }
  out << YAML::Key << "environments" << YAML::Value << YAML::Flow << YAML::BeginSeq << environment
      << YAML::EndSeq;
  out << YAML::Key << "overrides" << YAML::Value << YAML::BeginMap << YAML::Key << environment
      << YAML::Value << YAML::BeginMap << YAML::Key << "client_id" << YAML::Value
      << YAML::DoubleQuoted << client.client_id << YAML::EndMap << YAML::EndMap;
  out << YAML::EndMap << YAML::EndMap;
  MPCTL_CHECK(out.good());
  // Indented by two, to be pasted under `clients:`.
  std::string indented;
  for (const std::string& line : base::Split(out.c_str(), '\n')) indented += "  " + line + "\n";
  return indented;
}

}  // namespace mpctl::cli
