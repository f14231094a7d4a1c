#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "model/client.h"

namespace mpctl::model {

/// The tag that marks a live client as managed by one manifest entry (design.md §2):
/// "[mpctl:<name>]", or "[mpctl:<owner>/<name>]" when the manifest sets `owner`.
std::string OwnershipTag(std::string_view owner, std::string_view name);

/// `description` followed by one space and the tag ("the tag alone" when description is empty).
std::string WithOwnershipTag(std::string_view description, std::string_view owner,
                             std::string_view name);

/// The entry name of the tag at the end of `description` when it belongs to `owner`'s
/// namespace; nullopt when there is no tag or it is another namespace's.
std::optional<std::string> ParseOwnershipTag(std::string_view description,
                                             std::string_view owner);

/// Of live clients claiming one entry, whether `a` is kept before `b`: the oldest `created`
/// first (a client without a readable `created` counts as newest), then the smallest
/// client_id. Every mpctl run picks the same one of a set, whoever lists it.
bool KeptBefore(const LiveClient& a, const LiveClient& b);

/// `description` without a trailing ownership tag (of any namespace) and the space before it.
std::string StripOwnershipTag(std::string_view description);

}  // namespace mpctl::model
