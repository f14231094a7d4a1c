#pragma once

#include <cstdint>
#include <mutex>
#include <random>
#include <string>
#include <vector>

namespace mpctl::emulator {

/// kLoseAnswer is never drawn at random: it is armed by --lose-answer or POST
/// /__emulator/faults (the request takes effect, the connection is closed before any byte of
/// the answer).
enum class FaultKind { kNone, k500, k503, k429, kDrop, kLoseAnswer };
/// "500", "503", "429", "drop" or "lost_answer" (stats keys).
const char* FaultName(FaultKind kind);

/// Decides, request by request, whether to inject a fault. Seeded, so the same seed and the
/// same sequence of eligible requests give the same faults. Thread-safe: requests draw in the
/// order they reach Next().
class FaultInjector {
 public:
  FaultInjector(double rate, std::uint64_t seed) : rate_(rate), rng_(seed) {}
  /// The fault for the next eligible request (kNone most of the time).
  FaultKind Next();
  double rate() const { return rate_; }

 private:
  double rate_;
  std::mutex mu_;
  std::mt19937_64 rng_;
};

/// Lost answers armed for requests of one route ("POST /api/v1/clients"): each matching
/// request that succeeds consumes one. Thread-safe.
class LostAnswers {
 public:
  /// Arms `count` more lost answers for `route` (a stats key: "METHOD /path/{template}").
  void Arm(const std::string& route, int count);
  /// True (and one fewer armed) when the answer to a successful `route` request is to be lost.
  bool Take(const std::string& route);
  /// {"POST /api/v1/clients": N, ...}: the armed ones not yet used.
  std::string PendingJson() const;

 private:
  mutable std::mutex mu_;
  std::vector<std::pair<std::string, int>> armed_;
};

}  // namespace mpctl::emulator
