// Whether a saved plan (plan --out) may still be applied: the rule `apply PLAN.json` follows,
// kept out of the command so that it is tested as a function and has one home.
#pragma once

#include <optional>
#include <string>

#include "plan/plan.h"

namespace mpctl::plan {

/// Why a saved plan may not be applied.
struct Staleness {
  enum class Kind {
    kManifestChanged,  // the manifest's bytes differ from those the plan was made from
    kLiveChanged,      // an environment's live state differs (fingerprint)
    kActionsDiffer,    // a plan made now has other actions: edited, or made by another mpctl
  };
  Kind kind = Kind::kManifestChanged;
  std::string environment;  // kLiveChanged, kActionsDiffer
  std::string difference;   // kActionsDiffer: FirstActionDifference()
};

/// Before any request: the manifest the saved plan names still hashes to what it recorded.
std::optional<Staleness> CheckSavedManifest(const Plan& saved, const std::string& manifest_sha256);

/// `now` is a plan made just now, from that manifest and the live state read for the saved
/// plan's environments (in its order, with its `prune`). The saved plan may be applied only
/// when every environment's live fingerprint is the recorded one and its actions are exactly
/// those of `now`: so a plan edited by hand (or written by a bug) cannot do anything a
/// reviewer was not shown. Fingerprints are compared for every environment first.
std::optional<Staleness> CheckSavedAgainst(const Plan& saved, const Plan& now);

}  // namespace mpctl::plan
