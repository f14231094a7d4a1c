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

bool Plan::has_changes() const {
  return std::ranges::any_of(environments, [](const auto& e) { return e.has_changes(); });
}

bool Plan::has_errors() const {
  return std::ranges::any_of(environments, [](const auto& e) { return !e.errors.empty(); });
}

std::string DescriptionToWrite(const Action& action) {
  auto it = action.after.find("description");
  const std::string* description =
      it == action.after.end() ? nullptr : std::get_if<std::string>(&it->second);
  if (description == nullptr || description->empty()) return action.ownership_tag;
  return *description + " " + action.ownership_tag;
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
