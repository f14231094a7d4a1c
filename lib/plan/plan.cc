#include "plan/plan.h"

#include <algorithm>

namespace mpctl::plan {

const char* ToString(ActionKind kind) {
  switch (kind) {
    case ActionKind::kCreate:
      return "create";
    case ActionKind::kUpdate:
      return "update";
    case ActionKind::kDelete:
      return "delete";
  }
  return "update";
}

const char* ToString(ResourceType type) {
  switch (type) {
    case ResourceType::kClient:
      return "client";
    case ResourceType::kClientKeys:
      return "client_keys";
    case ResourceType::kScope:
      return "scope";
    case ResourceType::kScopeAccess:
      return "scope_access";
  }
  return "client";
}

const char* ToString(Cause cause) {
  switch (cause) {
    case Cause::kManifest:
      return "manifest";
    case Cause::kDrift:
      return "drift";
    case Cause::kBoth:
      return "both";
  }
  return "both";
}

bool Plan::has_changes() const {
  return std::ranges::any_of(environments, [](const auto& e) { return e.has_changes(); });
}

bool Plan::has_errors() const {
  return std::ranges::any_of(environments, [](const auto& e) { return !e.errors.empty(); });
}

Stage StageOf(const Action& a) {
  switch (a.type) {
    case ResourceType::kScope:
      return a.kind == ActionKind::kDelete ? Stage::kScopeDeletes : Stage::kScopes;
    case ResourceType::kScopeAccess:
      return a.kind == ActionKind::kDelete ? Stage::kRevocations : Stage::kGrants;
    case ResourceType::kClient:
      if (a.kind == ActionKind::kCreate) return Stage::kClientCreates;
      return a.kind == ActionKind::kUpdate ? Stage::kClientUpdates : Stage::kClientDeletes;
    case ResourceType::kClientKeys:
      return Stage::kKeySets;
  }
  return Stage::kScopes;
}

bool NeedsPrune(const Action& action) {
  return action.kind == ActionKind::kDelete && action.type != ResourceType::kScopeAccess;
}

void CountActions(EnvironmentPlan& plan) {
  plan.summary.create = plan.summary.update = plan.summary.del = 0;
  for (const Action& action : plan.actions) {
    switch (action.kind) {
      case ActionKind::kCreate:
        ++plan.summary.create;
        break;
      case ActionKind::kUpdate:
        ++plan.summary.update;
        break;
      case ActionKind::kDelete:
        ++plan.summary.del;
        break;
    }
  }
}

}  // namespace mpctl::plan
