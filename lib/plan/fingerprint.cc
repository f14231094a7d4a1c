#include "plan/fingerprint.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "base/sha256.h"
#include "base/strings.h"
#include "model/ownership.h"

namespace mpctl::plan {

namespace {

// One canonical line per fact; each value JSON-quoted so no separator can be forged.
class Canon {
 public:
  Canon& Add(std::string_view value) {
    line_ += base::JsonQuote(value);
    line_ += ' ';
    return *this;
  }
  Canon& Add(const std::vector<std::string>& values) {
    std::vector<std::string> sorted = values;
    std::ranges::sort(sorted);
    sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
    line_ += '[';
    for (const std::string& v : sorted) Add(v);
    line_ += "] ";
    return *this;
  }
  std::string Take() { return std::exchange(line_, std::string()); }
  void EndLine(std::vector<std::string>& lines) { lines.push_back(Take()); }

 private:
  std::string line_;
};

void AddClient(const model::LiveClient& c, const std::string& claim,
               std::vector<std::string>& lines) {
  Canon line;
  line.Add("client").Add(c.client_id).Add(claim).Add(c.client_name).Add(c.description)
      .Add(c.scopes).Add(c.integration_type);
  if (!c.keys) {
    line.Add("keys-unread");
  } else {
    std::vector<std::string> keys;
    for (const model::PublicKey& k : *c.keys) {
      keys.push_back(Canon().Add(k.kid).Add(k.alg).Add(k.use).Add(k.n).Add(k.e).Take());
    }
    line.Add(keys);
  }
  line.EndLine(lines);
}

}  // namespace

std::string LiveFingerprint(const model::LiveState& live, std::string_view owner,
                            const std::set<std::string>& pinned_client_ids,
                            ScopesManaged scopes) {
  std::vector<std::string> lines;
  Canon header;
  header.Add("organization").Add(live.organization).EndLine(lines);
  for (const model::LiveClient& c : live.clients) {
    if (!c.active) continue;
    std::string claim;
    if (pinned_client_ids.contains(c.client_id)) {
      claim = "pin";
    } else if (std::optional<std::string> name = model::ParseOwnershipTag(c.description, owner)) {
      claim = "tag:" + *name;
    } else {
      continue;
    }
    AddClient(c, claim, lines);
  }
  if (scopes == ScopesManaged::kYes) {
    for (const model::LiveScope& s : live.owned_scopes) {
      Canon line;
      line.Add("scope").Add(s.name).Add(s.prefix).Add(s.subscope).Add(s.description)
          .Add(s.long_description).Add(s.visibility).Add(s.active ? "active" : "inactive")
          .Add(s.allowed_integration_types).Add(std::to_string(s.at_max_age))
          .Add(s.accessible_for_all ? "all" : "granted").Add(s.delegation_source)
          .EndLine(lines);
    }
    for (const model::ScopeAccess& a : live.granted_access) {
      Canon line;
      line.Add("access").Add(a.scope).Add(a.consumer_orgno).Add(model::ToApiString(a.state))
          .EndLine(lines);
    }
  }
  // Sorting the lines makes the result independent of the order the API listed things in.
  std::ranges::sort(lines);
  base::Sha256 hasher;
  for (const std::string& line : lines) {
    hasher.Update(line);
    hasher.Update("\n");
  }
  std::array<std::uint8_t, 32> digest = hasher.Finish();
  return base::HexEncode(
      std::string_view(reinterpret_cast<const char*>(digest.data()), digest.size()));
}

std::string LiveFingerprint(const model::DesiredState& desired, const model::LiveState& live) {
  std::set<std::string> pins;
  for (const model::DesiredClient& c : desired.clients) {
    if (c.pinned_client_id) pins.insert(*c.pinned_client_id);
  }
  return LiveFingerprint(live, desired.owner, pins,
                         desired.manages_scopes() ? ScopesManaged::kYes : ScopesManaged::kNo);
}

}  // namespace mpctl::plan
