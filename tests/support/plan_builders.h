// Test support: terse builders for desired and live states in unit and property tests.
#pragma once

#include <string>
#include <vector>

#include "model/state.h"

namespace mpctl::testing {

/// A key whose material is derived from `material` ("n-<material>", thumbprint
/// "tp-<material>"), so two keys share material exactly when `material` is equal.
model::PublicKey Key(const std::string& kid, const std::string& material, int bits = 2048);

model::DesiredClient DesiredClientOf(const std::string& name, std::vector<std::string> scopes,
                                     std::vector<model::PublicKey> keys = {});

/// A live client tagged for `entry` ("" = no tag) in `owner`'s namespace, with keys read.
model::LiveClient LiveClientOf(const std::string& id, const std::string& entry,
                               std::vector<std::string> scopes,
                               std::vector<model::PublicKey> keys = {},
                               const std::string& owner = "");

/// A desired state for environment "test" of organisation 310000108.
model::DesiredState DesiredOf(std::vector<model::DesiredClient> clients);

/// A live state of organisation 310000108 holding `clients`.
model::LiveState LiveOf(std::vector<model::LiveClient> clients);

}  // namespace mpctl::testing
