#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace mpctl::model {

enum class Visibility { kPublic, kPrivate };
enum class AccessState { kRequested, kApproved, kDenied };

/// "PUBLIC"/"PRIVATE" as the API spells it.
const char* ToApiString(Visibility visibility);
/// "REQUESTED"/"APPROVED"/"DENIED".
const char* ToApiString(AccessState state);

/// A scope this organisation provides, as the manifest wants it in one environment.
/// Invariant: `name` == prefix + ":" + subscope; `consumers` and
/// `allowed_integration_types` sorted and unique.
struct DesiredScope {
  std::string name;
  std::string prefix;
  std::string subscope;
  std::string description;
  std::string long_description;
  Visibility visibility = Visibility::kPublic;
  std::vector<std::string> allowed_integration_types;
  std::optional<std::int64_t> token_lifetime_seconds;  // → at_max_age
  bool accessible_for_all = false;
  std::vector<std::string> consumers;  // orgnos granted access (APPROVED)
  bool prevent_destroy = false;
};

/// A scope as the portal returned it (owned by us, or a public one of another org).
struct LiveScope {
  std::string name;
  std::string prefix;
  std::string subscope;
  std::string description;
  std::string long_description;
  std::string visibility;  // as returned: PUBLIC, PRIVATE, INTERNAL
  bool active = true;
  std::vector<std::string> allowed_integration_types;
  std::int64_t at_max_age = 0;
  bool accessible_for_all = false;
  std::string delegation_source;
  std::string owner_orgno;
};

/// One access entry: `consumer_orgno` may use `scope` when `state` is kApproved.
struct ScopeAccess {
  std::string scope;
  std::string owner_orgno;
  std::string consumer_orgno;
  AccessState state = AccessState::kApproved;
};

}  // namespace mpctl::model
