#include "model/scope.h"

namespace mpctl::model {

const char* ToApiString(Visibility visibility) {
  return visibility == Visibility::kPublic ? "PUBLIC" : "PRIVATE";
}

const char* ToApiString(AccessState state) {
  switch (state) {
    case AccessState::kRequested: return "REQUESTED";
    case AccessState::kApproved: return "APPROVED";
    case AccessState::kDenied: return "DENIED";
  }
  return "DENIED";
}

}  // namespace mpctl::model
