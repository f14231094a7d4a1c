#pragma once

#include <ostream>
#include <string>
#include <string_view>

namespace mpctl::base {

/// Holds a credential (token, assertion, private key, password) from the moment it is read.
/// It cannot be streamed, and its buffer is wiped on destruction. Every Reveal() call site is
/// one to review: only request writers and signers should need it.
class Secret {
 public:
  Secret() = default;
  explicit Secret(std::string value) : value_(std::move(value)) {}
  Secret(const Secret&) = default;
  Secret& operator=(const Secret&) = default;
  Secret(Secret&& other) noexcept : value_(std::move(other.value_)) { other.Wipe(); }
  Secret& operator=(Secret&& other) noexcept {
    if (this != &other) {
      Wipe();
      value_ = std::move(other.value_);
      other.Wipe();
    }
    return *this;
  }
  ~Secret() { Wipe(); }

  /// The secret's bytes; the view is valid while this object lives and is unchanged.
  std::string_view Reveal() const { return value_; }
  bool empty() const { return value_.empty(); }

  friend std::ostream& operator<<(std::ostream&, const Secret&) = delete;

 private:
  void Wipe() {
    volatile char* p = value_.data();
    for (std::size_t i = 0; i < value_.size(); ++i) p[i] = 0;
    value_.clear();
  }
  std::string value_;
};

}  // namespace mpctl::base
