// The key set of one client: by kid and by material, plus expiry and key-age warnings.
#include <algorithm>
#include <optional>

#include "base/strings.h"
#include "planner/context.h"

namespace mpctl::planner {

namespace {

std::vector<model::PublicKey> SortedByKid(std::vector<model::PublicKey> keys) {
  std::ranges::sort(keys, {}, &model::PublicKey::kid);
  return keys;
}

// The JSON-facing view of a live key: what a reviewer needs, without material.
model::PublicKey Reference(const model::PublicKey& k) {
  model::PublicKey ref;
  ref.kid = k.kid;
  ref.alg = k.alg;
  ref.bits = k.bits;
  ref.thumbprint = k.thumbprint;
  return ref;
}

std::string InDays(std::int64_t seconds) {
  std::int64_t days = seconds / kDay;
  if (days == 0) return "in less than a day";
  return std::to_string(days) + (days == 1 ? " day" : " days");
}

void WarnExpiry(Context& ctx, const std::string& address, const model::PublicKey& key) {
  if (!key.exp) return;
  std::int64_t left = *key.exp - ctx.options.now;
  if (left <= 0) {
    ctx.Warn(address, "key '" + key.kid + "' expired " + base::FormatDate(*key.exp) +
                          "; Maskinporten rejects it: add a new key to the manifest");
  } else if (left <= ctx.options.expiry_within_seconds) {
    ctx.Warn(address, "key '" + key.kid + "' expires " + base::FormatDate(*key.exp) + " (" +
                          InDays(left) + ")");
  }
}

void WarnYoungRemoval(Context& ctx, const std::string& address, const model::PublicKey& key) {
  if (!key.created) return;
  std::int64_t age = ctx.options.now - *key.created;
  if (age >= ctx.options.min_key_age_seconds) return;
  std::int64_t minutes = std::max<std::int64_t>(age, 0) / 60;
  ctx.Warn(address, "key '" + key.kid + "' is removed " + std::to_string(minutes) +
                        (minutes == 1 ? " minute" : " minutes") +
                        " after it was registered; callers that just switched to it will fail");
}

// The dangerous step of a rotation is removing the old key before every caller signs with the
// new one: warn when the newest key that stays is younger than --min-key-age. `newest_kid` was
// registered at `newest_created`, or is registered by this very plan (nullopt).
void WarnEarlyRotation(Context& ctx, const std::string& address, const std::string& removed_kid,
                       const std::string& newest_kid, std::optional<std::int64_t> newest_created) {
  if (!newest_created) {
    ctx.Warn(address, "key '" + removed_kid + "' is removed by the same apply that registers '" +
                          newest_kid + "'; callers may still sign with '" + removed_kid + "'");
    return;
  }
  std::int64_t age = ctx.options.now - *newest_created;
  if (age >= ctx.options.min_key_age_seconds) return;
  std::int64_t minutes = std::max<std::int64_t>(age, 0) / 60;
  ctx.Warn(address, "key '" + removed_kid + "' is removed only " + std::to_string(minutes) +
                        (minutes == 1 ? " minute" : " minutes") + " after '" + newest_kid +
                        "' was registered; callers may still sign with '" + removed_kid + "'");
}

}  // namespace

void DiffKeys(Context& ctx, const model::DesiredClient& desired, const model::LiveClient* live) {
  std::string address = "client." + desired.name + ".keys";
  plan::Action a;
  if (live == nullptr) {
    if (desired.keys.empty()) return;
    a.kind = plan::ActionKind::kCreate;
  } else if (!live->keys) {
    ctx.Fail(address, "the key set of client '" + live->client_id + "' was not read");
    return;
  } else {
    // Sets of at most a few keys: linear lookups beat building maps.
    auto find = [](const std::vector<model::PublicKey>& keys, const std::string& kid) {
      auto it = std::ranges::find(keys, kid, &model::PublicKey::kid);
      return it == keys.end() ? nullptr : &*it;
    };
    plan::Change change;
    change.path = "keys";
    // The newest key that stays: registered when the live key was, or now when this plan
    // adds or replaces it (nullopt). A live key without `created` is of unknown age.
    std::string newest_kid;
    std::optional<std::int64_t> newest_created;
    bool newest_known = false;
    auto stays = [&](const std::string& kid, std::optional<std::int64_t> created) {
      if (newest_known && !newest_created) return;  // one registered now is the newest
      if (newest_known && created && *created <= *newest_created) return;
      newest_kid = kid;
      newest_created = created;
      newest_known = true;
    };
    // By kid, so that of equally new keys the first kid is named whatever the manifest order.
    for (const model::PublicKey& k : SortedByKid(desired.keys)) {
      const model::PublicKey* have = find(*live->keys, k.kid);
      if (have == nullptr) {
        change.add.push_back(k.kid);
        stays(k.kid, std::nullopt);
      } else if (!k.SameMaterial(*have) || k.alg != have->alg) {
        change.replace.push_back(k.kid);
        stays(k.kid, std::nullopt);
      } else {
        WarnExpiry(ctx, address, *have);
        if (have->created) stays(k.kid, have->created);
      }
    }
    for (const model::PublicKey& k : SortedByKid(*live->keys)) {
      if (find(desired.keys, k.kid) != nullptr) continue;
      change.remove.push_back(k.kid);
      WarnYoungRemoval(ctx, address, k);
      if (newest_known) WarnEarlyRotation(ctx, address, k.kid, newest_kid, newest_created);
    }
    std::ranges::sort(change.add);
    std::ranges::sort(change.replace);
    if (change.add.empty() && change.remove.empty() && change.replace.empty()) return;
    a.kind = plan::ActionKind::kUpdate;
    a.client_id = live->client_id;
    for (const model::PublicKey& k : SortedByKid(*live->keys))
      a.before_keys.push_back(Reference(k));
    a.changes.push_back(std::move(change));
  }
  a.address = std::move(address);
  a.type = plan::ResourceType::kClientKeys;
  a.name = desired.name;
  a.keys = SortedByKid(desired.keys);
  ctx.out.actions.push_back(std::move(a));
}

}  // namespace mpctl::planner
