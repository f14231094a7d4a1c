// lib/base: generic building blocks (results, diagnostics, secrets, clock, files, strings).
// Knows nothing about Maskinporten and depends on no other module.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <variant>

#include "base/check.h"

namespace mpctl::base {

/// What kind of failure an Error is; callers branch on this, people read `message`.
enum class ErrorCode { kInvalidInput, kNotFound, kConflict, kUnavailable, kDenied, kInternal };

/// A failure that crossed a function boundary. `message` is lower case, has no final full
/// stop and is already free of secrets.
struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;

  /// Returns a copy whose message is "<what>: <message>".
  Error WithContext(std::string_view what) const {
    return Error{code, std::string(what) + ": " + message};
  }
};

inline Error MakeError(ErrorCode code, std::string message) {
  return Error{code, std::move(message)};
}

/// A value or an Error. Exceptions never cross a library boundary; this does.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : data_(std::move(value)) {}          // NOLINT: implicit by design
  Result(Error error) : data_(std::move(error)) {}      // NOLINT: implicit by design

  bool ok() const { return std::holds_alternative<T>(data_); }
  explicit operator bool() const { return ok(); }

  /// The value; aborts (MPCTL_CHECK) when this holds an error.
  T& value() & {
    MPCTL_CHECK(ok());
    return std::get<T>(data_);
  }
  const T& value() const& {
    MPCTL_CHECK(ok());
    return std::get<T>(data_);
  }
  T&& value() && {
    MPCTL_CHECK(ok());
    return std::get<T>(std::move(data_));
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }

  /// The error; aborts when this holds a value.
  const Error& error() const {
    MPCTL_CHECK(!ok());
    return std::get<Error>(data_);
  }

 private:
  std::variant<T, Error> data_;
};

/// Success without a value, or an Error.
using Status = Result<std::monostate>;

inline Status OkStatus() { return Status(std::monostate{}); }

}  // namespace mpctl::base

/// Propagates an error from an expression yielding Status/Result<T> out of the current function.
#define MPCTL_RETURN_IF_ERROR(expr)                  \
  do {                                               \
    auto mpctl_status_ = (expr);                     \
    if (!mpctl_status_.ok()) return mpctl_status_.error(); \
  } while (false)
