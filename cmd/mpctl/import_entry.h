// The manifest entry `mpctl import` prints for a live client: pasted under `clients:`, it
// plans as no change except the ownership tag that the next apply writes.
#pragma once

#include <set>
#include <string>

#include "model/client.h"

namespace mpctl::cli {

/// An entry name ([a-z0-9-], at most 63) made from `client`'s name, or "client-" and the
/// start of its id when the name has no usable characters; "-2", "-3", ... are added until
/// it is not in `taken`.
std::string EntryName(const model::LiveClient& client, const std::set<std::string>& taken);

/// The YAML of one entry, indented for `clients:`: display_name, description (without any
/// ownership tag), scopes, keys as inline public JWKs (with each key's exp as a comment),
/// `environments: [ENV]` and the `overrides.ENV.client_id` pin. `client.keys` must be set.
std::string ImportEntryYaml(const model::LiveClient& client, const std::string& name,
                            const std::string& environment);

}  // namespace mpctl::cli
