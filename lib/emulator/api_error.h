#pragma once

#include <string>
#include <vector>

#include "emulator/http.h"
#include "emulator/types.h"

namespace mpctl::emulator {

/// One entry of ApiErrorResponse.errors. `field` empty means not a field error.
struct FieldError {
  std::string message;
  std::string field;
};

/// The portal's ApiErrorResponse: status, timestamp (nanoseconds, Z), correlation_id,
/// errors[] {errorMessage, isFieldError, objectName, fieldIdentifier}, and error /
/// error_description = ", " + messages joined with ", " (the leading ", " is the portal's).
Response ApiError(int status, const std::vector<FieldError>& errors, const std::string& object,
                  Millis now);
/// A single non-field error.
Response ApiError(int status, const std::string& message, Millis now);

}  // namespace mpctl::emulator
