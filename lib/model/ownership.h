#pragma once

#include <optional>
#include <string>
#include <string_view>

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

/// `description` without a trailing ownership tag (of any namespace) and the space before it.
std::string StripOwnershipTag(std::string_view description);

}  // namespace mpctl::model
