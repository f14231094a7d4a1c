#include "plan/words.h"

namespace mpctl::plan {

const char* Symbol(ActionKind kind) {
  switch (kind) {
    case ActionKind::kCreate:
      return "+";
    case ActionKind::kUpdate:
      return "~";
    case ActionKind::kDelete:
      return "-";
  }
  return "?";
}

const char* Participle(ResourceType type, ActionKind kind) {
  bool grant = type == ResourceType::kScopeAccess;
  switch (kind) {
    case ActionKind::kCreate:
      return grant ? "granted" : "created";
    case ActionKind::kUpdate:
      return "updated";
    case ActionKind::kDelete:
      if (grant) return "revoked";
      return type == ResourceType::kScope ? "deactivated" : "deleted";
  }
  return "";
}

std::string DayCount(std::int64_t seconds) {
  std::int64_t days = seconds / (24 * 60 * 60);
  return std::to_string(days) + (days == 1 ? " day" : " days");
}

}  // namespace mpctl::plan
