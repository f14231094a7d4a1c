#pragma once

#include <set>
#include <string>
#include <string_view>

#include "model/state.h"

namespace mpctl::plan {

enum class ScopesManaged { kNo, kYes };

/// Hex SHA-256 over a canonical form of what a plan depends on in `live`: which live clients
/// are claimed (by a pin in `pinned_client_ids` or an ownership tag of `owner`'s namespace),
/// each claimed client's name, description, scopes (as a set), integration type and key set
/// (kid, alg, use, n, e); with kYes also the owned scopes and the access granted on them.
/// Independent of the order of every list and of server timestamps (key exp and created
/// included); unclaimed (unmanaged) clients do not contribute.
std::string LiveFingerprint(const model::LiveState& live, std::string_view owner,
                            const std::set<std::string>& pinned_client_ids, ScopesManaged scopes);

/// The same, with owner, pins and scope management taken from `desired`.
std::string LiveFingerprint(const model::DesiredState& desired, const model::LiveState& live);

}  // namespace mpctl::plan
