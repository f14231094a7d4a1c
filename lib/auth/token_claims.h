#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace mpctl::auth {

/// The organisation number an access token acts for: the `consumer` claim Maskinporten puts in
/// its tokens ({"authority":"iso6523-actorid-upis","ID":"0192:<orgno>"}, portal-api.md §2),
/// read without checking the signature (it only serves to catch a wrong `organization` early;
/// the API decides). nullopt when the token is not a JWT, or carries no such claim.
std::optional<std::string> ConsumerOrgno(std::string_view token);

}  // namespace mpctl::auth
