// The applier's own safety checks. The planner already refuses these situations; the applier
// checks again because a saved plan is a file anyone can edit, and because a write to a
// client that is not ours cannot be undone.
#include <algorithm>

#include "applier/internal.h"
#include "base/strings.h"
#include "model/claims.h"
#include "model/ownership.h"

namespace mpctl::applier {

namespace {

using plan::Action;
using plan::ActionKind;
using plan::ResourceType;

bool Has(const std::set<std::string>& set, const std::string& value) {
  return set.find(value) != set.end();
}

class Checker {
 public:
  Checker(const plan::EnvironmentPlan& plan, const ApplyOptions& options)
      : plan_(plan), options_(options) {
    model::Ownership ownership;
    ownership.owner = options.owner;
    for (const std::string& id : options.pinned_client_ids) ownership.pins[id] = "";
    if (options.live != nullptr) {
      for (const auto& client : options.live->clients) {
        if (model::ClaimOf(client, ownership)) owned_.insert(client.client_id);
      }
    }
    for (const auto& unmanaged : plan.unmanaged) unmanaged_.insert(unmanaged.client_id);
    for (const Action& a : plan.actions) {
      if (a.type == ResourceType::kClient && a.kind == ActionKind::kCreate) {
        created_.insert(a.name);
      }
    }
  }

  base::Status Run() {
    if (options_.live == nullptr) {
      Deny("environment '" + plan_.name + "': no live state to check the plan against");
    }
    if (!plan_.errors.empty()) {
      Deny("environment '" + plan_.name + "': the plan has " + std::to_string(plan_.errors.size()) +
           " error(s); it must not be applied");
    }
    for (const Action& a : plan_.actions) CheckAction(a);
    if (problems_.empty()) return base::OkStatus();
    return base::MakeError(
        malformed_ ? base::ErrorCode::kInvalidInput : base::ErrorCode::kDenied,
        "refusing to apply environment '" + plan_.name + "': " + base::Join(problems_, "; "));
  }

 private:
  void Deny(std::string problem) { problems_.push_back(std::move(problem)); }
  void Malformed(const Action& a, const std::string& problem) {
    malformed_ = true;
    problems_.push_back(a.address + ": " + problem);
  }

  void CheckAction(const Action& a) {
    if (a.kind == ActionKind::kDelete) CheckDelete(a);
    switch (a.type) {
      case ResourceType::kClient:
        CheckClient(a);
        break;
      case ResourceType::kClientKeys:
        CheckKeys(a);
        break;
      case ResourceType::kScope:
        if (a.kind != ActionKind::kDelete) CheckScopeFields(a);
        break;
      case ResourceType::kScopeAccess:
        if (a.consumer_orgno.empty()) Malformed(a, "a grant without consumer_orgno");
        break;
    }
  }

  // A delete of one of several live clients tagged for the same entry, another of which the
  // plan keeps (--resolve-duplicates).
  bool IsDuplicate(const Action& a) const {
    if (a.type != ResourceType::kClient || options_.live == nullptr) return false;
    std::set<std::string> deleted;
    for (const Action& other : plan_.actions) {
      if (other.type == ResourceType::kClient && other.kind == ActionKind::kDelete) {
        deleted.insert(other.client_id);
      }
    }
    bool ours = false, kept = false;
    for (const model::LiveClient& l : options_.live->clients) {
      if (!model::ClaimsByTag(l, options_.owner, a.name)) continue;
      if (l.client_id == a.client_id) ours = true;
      if (!deleted.contains(l.client_id)) kept = true;
    }
    return ours && kept;
  }

  void CheckDelete(const Action& a) {
    if (options_.prune == Prune::kNo && plan::NeedsPrune(a) &&
        !(options_.resolve_duplicates && IsDuplicate(a))) {
      Deny(a.address + ": a deletion, and --prune was not given");
    }
    bool is_client = a.type == ResourceType::kClient;
    if ((is_client && Has(options_.protected_clients, a.name)) ||
        (a.type == ResourceType::kScope && Has(options_.protected_scopes, a.name))) {
      Deny(a.address + ": its entry has lifecycle.prevent_destroy");
    }
  }

  // A write to an existing client must name a client the live state shows as ours.
  void CheckOwned(const Action& a) {
    if (Has(unmanaged_, a.client_id) || !Has(owned_, a.client_id)) {
      Deny(a.address + ": client '" + a.client_id +
           "' is neither pinned nor tagged by this manifest in the live state; mpctl never "
           "writes to a client it does not manage");
    }
  }

  void CheckClient(const Action& a) {
    if (a.kind != ActionKind::kCreate) {
      if (a.client_id.empty()) return Malformed(a, "an update or delete without client_id");
      CheckOwned(a);
    }
    if (a.kind == ActionKind::kDelete) return;
    if (a.ownership_tag != model::OwnershipTag(options_.owner, a.name)) {
      Deny(a.address + ": ownership tag '" + a.ownership_tag + "' is not '" +
           model::OwnershipTag(options_.owner, a.name) + "' (another manifest's plan?)");
    }
    if (!a.client.after) Malformed(a, "a client create or update without 'after'");
  }

  void CheckKeys(const Action& a) {
    if (a.kind == ActionKind::kDelete) return Malformed(a, "key sets are updated, not deleted");
    if (a.client_id.empty()) {
      if (!Has(created_, a.name)) {
        Malformed(a, "a key set without client_id and no client.'" + a.name + "' to create");
      }
    } else {
      CheckOwned(a);
    }
    if (a.keys.size() > static_cast<std::size_t>(model::kMaxKeysPerClient)) {
      Malformed(a, "more than " + std::to_string(model::kMaxKeysPerClient) + " keys");
    }
    for (const auto& key : a.keys) {
      if (key.n.empty() || key.e.empty()) {
        Malformed(a, "key '" + key.kid +
                         "' has no public key material (re-attach it from "
                         "the manifest)");
      }
    }
  }

  void CheckScopeFields(const Action& a) {
    if (!a.scope.after) Malformed(a, "a scope create or update without 'after'");
  }

  const plan::EnvironmentPlan& plan_;
  const ApplyOptions& options_;
  std::set<std::string> owned_;
  std::set<std::string> unmanaged_;
  std::set<std::string> created_;
  std::vector<std::string> problems_;
  bool malformed_ = false;
};

}  // namespace

base::Status CheckPlan(const plan::EnvironmentPlan& plan, const ApplyOptions& options) {
  return Checker(plan, options).Run();
}

}  // namespace mpctl::applier
