// Cause attribution (`--base`): a change the base manifest's plan makes too was made outside
// mpctl (the manifest did not ask for it); one only the current plan makes is the manifest's.
// Reuses Diff() for the base plan, so every field is compared exactly as the planner does.
#include "planner/cause.h"

#include <algorithm>
#include <array>

#include "base/strings.h"
#include "model/ownership.h"

namespace mpctl::planner {

namespace {

using plan::Action;
using plan::ActionKind;
using plan::Cause;
using plan::Change;
using plan::FieldValue;
using plan::ResourceType;

Cause CauseOf(bool manifest, bool drift) {
  if (manifest && drift) return Cause::kBoth;
  return drift ? Cause::kDrift : Cause::kManifest;
}

bool Contains(const std::vector<std::string>& list, const std::string& value) {
  return std::ranges::find(list, value) != list.end();
}

const model::PublicKey* FindKey(const std::vector<model::PublicKey>& keys, const std::string& kid) {
  auto it = std::ranges::find(keys, kid, &model::PublicKey::kid);
  return it == keys.end() ? nullptr : &*it;
}

bool SameKey(const model::PublicKey* a, const model::PublicKey* b) {
  if (a == nullptr || b == nullptr) return a == b;
  return a->SameMaterial(*b) && a->alg == b->alg;
}

bool SameKeys(const std::vector<model::PublicKey>& a, const std::vector<model::PublicKey>& b) {
  return a.size() == b.size() &&
         std::ranges::all_of(a, [&](const auto& k) { return SameKey(&k, FindKey(b, k.kid)); });
}

// The base plan's action for the same resource and operation, or null.
const Action* Match(const plan::EnvironmentPlan& base, const Action& a) {
  for (const Action& b : base.actions) {
    if (b.address == a.address && b.type == a.type && b.kind == a.kind &&
        b.client_id == a.client_id) {
      return &b;
    }
  }
  return nullptr;
}

const Change* FindChange(const Action* a, const std::string& path) {
  if (a == nullptr) return nullptr;
  auto it = std::ranges::find(a->changes, path, &Change::path);
  return it == a->changes.end() ? nullptr : &*it;
}

// --- adopt snippets: YAML a reviewer can commit to keep the live value ---

std::string Yaml(const FieldValue& value) {
  if (const auto* s = std::get_if<std::string>(&value)) return base::JsonQuote(*s);
  if (const auto* i = std::get_if<std::int64_t>(&value)) return std::to_string(*i);
  if (const auto* b = std::get_if<bool>(&value)) return *b ? "true" : "false";
  std::string out = "[";
  const auto& list = std::get<std::vector<std::string>>(value);
  for (std::size_t i = 0; i < list.size(); ++i)
    out += (i > 0 ? ", " : "") + base::JsonQuote(list[i]);
  return out + "]";
}

// An entry name as a YAML key: plain when it is a simple word, quoted otherwise.
std::string Key(const std::string& name) {
  bool plain = !name.empty() && std::ranges::all_of(name, [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_';
  });
  return plain ? name : base::JsonQuote(name);
}

std::string Entry(const Action& a) {
  bool client = a.type == ResourceType::kClient || a.type == ResourceType::kClientKeys;
  return std::string(client ? "clients" : "scopes") + ":\n  " + Key(a.name) + ":\n";
}

// The manifest's name for a plan field.
std::string ManifestField(const std::string& path) {
  if (path == "client_name") return "display_name";
  if (path == "at_max_age") return "token_lifetime_seconds";
  return path;
}

const model::DesiredClient* FindClient(const model::DesiredState* state, const std::string& name) {
  if (state == nullptr) return nullptr;
  auto it = std::ranges::find(state->clients, name, &model::DesiredClient::name);
  return it == state->clients.end() ? nullptr : &*it;
}

const model::DesiredScope* FindScope(const model::DesiredState* state, const std::string& name) {
  if (state == nullptr) return nullptr;
  auto it = std::ranges::find(state->scopes, name, &model::DesiredScope::name);
  return it == state->scopes.end() ? nullptr : &*it;
}

// The desired value of a set-valued field of `a`'s entry: client scopes, scope integration
// types. Read from the desired state, not the plan, so that this pass does not depend on how
// a plan stores its fields.
std::vector<std::string> DesiredList(const Action& a, const model::DesiredState& desired,
                                     const std::string& path) {
  if (a.type == ResourceType::kClient && path == "scopes") {
    if (const auto* c = FindClient(&desired, a.name)) return c->scopes;
  }
  if (a.type == ResourceType::kScope && path == "allowed_integration_types") {
    if (const auto* s = FindScope(&desired, a.name)) return s->allowed_integration_types;
  }
  return {};
}

std::vector<std::string> Sorted(std::vector<std::string> values) {
  std::ranges::sort(values);
  values.erase(std::unique(values.begin(), values.end()), values.end());
  return values;
}

// A file name for a kid from the server: anything but [A-Za-z0-9._-] becomes '_'.
std::string FileName(const std::string& kid) {
  std::string out = kid;
  for (char& c : out) {
    bool safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                c == '-' || c == '_' || c == '.';
    if (!safe) c = '_';
  }
  return out.empty() || out[0] == '.' ? "key" + out : out;
}

std::string AdoptChange(const Action& a, const Change& c, const model::DesiredState& desired) {
  if (c.path == "ownership tag") {
    return "# the ownership tag cannot be kept: mpctl recognises the client by it\n";
  }
  if (c.path == "keys") {
    std::string out = Entry(a) + "    keys:  # beside the keys listed there\n";
    for (const std::string& kid : c.remove) {
      const model::PublicKey* live = FindKey(a.before_keys, kid);
      out += "      - kid: " + base::JsonQuote(kid) + "\n        jwk_file: keys/" + FileName(kid) +
             ".jwk.json  # save the public key registered outside mpctl here" +
             (live != nullptr ? " (thumbprint " + live->thumbprint + ")" : "") + "\n";
    }
    for (const std::string& kid : c.add) {
      out += "      # remove the key " + base::JsonQuote(kid) + " (deleted outside mpctl)\n";
    }
    for (const std::string& kid : c.replace) {
      const model::PublicKey* live = FindKey(a.before_keys, kid);
      out += "      # point the key " + base::JsonQuote(kid) +
             " at the public key registered outside mpctl" +
             (live != nullptr ? " (thumbprint " + live->thumbprint + ")" : "") + "\n";
    }
    return out;
  }
  if (c.path == "active") {
    return "# deactivated outside mpctl: to keep it so, remove scopes." + a.name +
           " (without --prune, apply then leaves it as it is)\n";
  }
  if (c.path == "visibility" && c.from && std::holds_alternative<std::string>(*c.from)) {
    std::string value = std::get<std::string>(*c.from);  // the API's PUBLIC/PRIVATE
    std::ranges::transform(value, value.begin(), [](char ch) { return ch | 0x20; });
    return Entry(a) + "    visibility: " + value + "\n";
  }
  if (c.from) return Entry(a) + "    " + ManifestField(c.path) + ": " + Yaml(*c.from) + "\n";
  // A set: the desired set with the hand edit kept.
  std::vector<std::string> keep;
  for (const std::string& v : DesiredList(a, desired, c.path)) {
    if (!Contains(c.add, v)) keep.push_back(v);
  }
  for (const std::string& v : c.remove) keep.push_back(v);
  return Entry(a) + "    " + ManifestField(c.path) + ": " + Yaml(Sorted(std::move(keep))) + "\n";
}

std::vector<std::string> Consumers(const model::DesiredState& desired, const std::string& scope) {
  auto it = std::ranges::find(desired.scopes, scope, &model::DesiredScope::name);
  return it == desired.scopes.end() ? std::vector<std::string>{} : it->consumers;
}

bool HasClient(const model::DesiredState& desired, const std::string& name) {
  return std::ranges::find(desired.clients, name, &model::DesiredClient::name) !=
         desired.clients.end();
}

std::string AdoptAction(const Action& a, const model::DesiredState& desired,
                        const model::LiveState& live, const std::string& environment) {
  std::string where = a.type == ResourceType::kScope ? "scopes." : "clients.";
  if (a.type == ResourceType::kScopeAccess) {
    std::vector<std::string> consumers = Consumers(desired, a.name);
    if (a.kind == ActionKind::kCreate) {
      std::erase(consumers, a.consumer_orgno);  // revoked by hand: leave it out
    } else {
      consumers.push_back(a.consumer_orgno);  // granted by hand: list it
    }
    return "scopes:\n  " + Key(a.name) + ":\n    consumers: " + Yaml(Sorted(consumers)) + "\n";
  }
  if (a.kind == ActionKind::kCreate) {
    return "# deleted outside mpctl: to keep it deleted, remove " + where + a.name +
           " (or leave environment '" + environment + "' out of its environments)\n";
  }
  if (a.type == ResourceType::kClient && HasClient(desired, a.name)) {
    return "# a duplicate of " + where + a.name + ": to keep this one instead, pin it with\n" +
           "# client_id: " + a.client_id + " under overrides." + environment + "\n";
  }
  // Made outside mpctl and carrying this manifest's tag or owner: declare it to keep it.
  std::string out = Entry(a);
  auto field = [&](const char* name, const FieldValue& value) {
    if (Yaml(value) == "\"\"" || Yaml(value) == "[]") return;
    out += std::string("    ") + name + ": " + Yaml(value) + "\n";
  };
  if (a.type == ResourceType::kClient) {
    auto l = std::ranges::find(live.clients, a.client_id, &model::LiveClient::client_id);
    if (l != live.clients.end()) {
      field("display_name", l->client_name);
      field("description", model::StripOwnershipTag(l->description));
      field("scopes", Sorted(l->scopes));
    }
    return out + "    # keys: list the client's public keys\n";
  }
  auto l = std::ranges::find(live.owned_scopes, a.name, &model::LiveScope::name);
  if (l != live.owned_scopes.end()) {
    field("description", l->description);
    field("long_description", l->long_description);
    std::string visibility = l->visibility;
    std::ranges::transform(visibility, visibility.begin(), [](char c) { return c | 0x20; });
    field("visibility", visibility);
    field("allowed_integration_types", Sorted(l->allowed_integration_types));
    if (l->accessible_for_all) field("accessible_for_all", true);
  }
  return out;
}

// For a create both plans make: whether the entry is as the base declared it (else the
// manifest changed it too). Grants carry nothing beyond their address.
bool SameEntry(const Action& a, const model::DesiredState& desired,
               const model::DesiredState* base) {
  if (a.type == ResourceType::kClient || a.type == ResourceType::kClientKeys) {
    const model::DesiredClient* now = FindClient(&desired, a.name);
    const model::DesiredClient* then = FindClient(base, a.name);
    if (now == nullptr || then == nullptr) return now == then;
    if (a.type == ResourceType::kClientKeys) return SameKeys(now->keys, then->keys);
    return now->display_name == then->display_name && now->description == then->description &&
           Sorted(now->scopes) == Sorted(then->scopes);
  }
  if (a.type == ResourceType::kScope) {
    const model::DesiredScope* now = FindScope(&desired, a.name);
    const model::DesiredScope* then = FindScope(base, a.name);
    if (now == nullptr || then == nullptr) return now == then;
    return now->description == then->description &&
           now->long_description == then->long_description && now->visibility == then->visibility &&
           now->allowed_integration_types == then->allowed_integration_types &&
           now->token_lifetime_seconds == then->token_lifetime_seconds &&
           now->accessible_for_all == then->accessible_for_all;
  }
  return true;
}

// Splits a set-valued change by the cause of each element.
std::vector<Change> SplitSet(const Action& a, const Change& c, const Action* base_action) {
  const Change* b = FindChange(base_action, c.path);
  std::array<Change, 3> by_cause;  // indexed by Cause
  auto classify = [&](const std::string& x, bool desired_has) {
    if (b == nullptr ||
        (!Contains(b->add, x) && !Contains(b->remove, x) && !Contains(b->replace, x))) {
      return Cause::kManifest;
    }
    bool base_has = !Contains(b->remove, x);
    bool manifest;
    if (a.type == ResourceType::kClientKeys) {
      const model::PublicKey* want = desired_has ? FindKey(a.keys, x) : nullptr;
      const model::PublicKey* had = base_has ? FindKey(base_action->keys, x) : nullptr;
      manifest = !SameKey(want, had);
    } else {
      manifest = base_has != desired_has;
    }
    return CauseOf(manifest, true);
  };
  for (const std::string& x : c.add) by_cause[int(classify(x, true))].add.push_back(x);
  for (const std::string& x : c.remove) by_cause[int(classify(x, false))].remove.push_back(x);
  for (const std::string& x : c.replace) by_cause[int(classify(x, true))].replace.push_back(x);
  std::vector<Change> out;
  for (int i = 0; i < 3; ++i) {
    Change& part = by_cause[i];
    if (part.add.empty() && part.remove.empty() && part.replace.empty()) continue;
    part.path = c.path;
    part.cause = Cause(i);
    out.push_back(std::move(part));
  }
  return out;
}

Cause Aggregate(const std::vector<Change>& changes) {
  Cause first = changes.front().cause.value_or(Cause::kManifest);
  for (const Change& c : changes) {
    if (c.cause != first) return Cause::kBoth;
  }
  return first;
}

}  // namespace

void AttributeCauses(plan::EnvironmentPlan& current, const model::DesiredState* base,
                     const model::DesiredState& desired, const model::LiveState& live,
                     const DiffOptions& options) {
  plan::EnvironmentPlan base_plan;
  if (base != nullptr) base_plan = Diff(*base, live, options);
  int drift = 0;
  for (Action& a : current.actions) {
    const Action* b = Match(base_plan, a);
    if (a.kind != ActionKind::kUpdate) {
      bool manifest =
          b == nullptr || (a.kind == ActionKind::kCreate && !SameEntry(a, desired, base));
      a.cause = CauseOf(manifest, b != nullptr);
      if (plan::IsDrift(*a.cause)) {
        ++drift;
        a.adopt = AdoptAction(a, desired, live, current.name);
      }
      continue;
    }
    std::vector<Change> changes;
    for (const Change& c : a.changes) {
      if (c.from || c.to) {
        Change scalar = c;
        const Change* bc = FindChange(b, c.path);
        scalar.cause = CauseOf(bc == nullptr || bc->to != c.to, bc != nullptr);
        changes.push_back(std::move(scalar));
      } else {
        for (Change& part : SplitSet(a, c, b)) changes.push_back(std::move(part));
      }
    }
    for (Change& c : changes) {
      if (!plan::IsDrift(*c.cause)) continue;
      ++drift;
      c.adopt = AdoptChange(a, c, desired);
    }
    a.changes = std::move(changes);
    a.cause = Aggregate(a.changes);
  }
  current.summary.drift = drift;
}

plan::EnvironmentPlan PlanEnvironment(const model::DesiredState& desired,
                                      const model::LiveState& live, const DiffOptions& options,
                                      const BaseState* base) {
  plan::EnvironmentPlan plan = Diff(desired, live, options);
  if (base != nullptr) AttributeCauses(plan, base->desired, desired, live, options);
  return plan;
}

}  // namespace mpctl::planner
