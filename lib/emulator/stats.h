#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>

#include "emulator/faults.h"

namespace mpctl::emulator {

/// Counters behind GET /__emulator/stats. Thread-safe.
class Stats {
 public:
  /// One request, keyed "METHOD /path/{template}".
  void CountRequest(const std::string& key);
  /// One acknowledged state change (a 2xx answer to an admin write).
  void CountWrite();
  /// One injected fault of `kind`.
  void CountFault(FaultKind kind);
  /// One lost answer (FaultKind::kLoseAnswer) on a reused keep-alive connection.
  void CountLostOnReused();
  /// One access token issued by /token.
  void CountToken();
  /// A request (not /__emulator) starts or ends being handled, latency included; the most
  /// handled at once is reported as "max_in_flight", what a client's --parallelism bounds.
  void RequestStarted();
  void RequestEnded();
  /// Zeroes every counter (POST /__emulator/reset).
  void Reset();
  /// {"requests":{...},"requests_total":N,"writes":N,"faults":{"500":N,...},
  ///  "faults_total":N,"lost_answers_on_reused_connections":N,"tokens_issued":N,
  ///  "max_in_flight":N}
  std::string ToJson() const;

 private:
  mutable std::mutex mu_;
  std::map<std::string, std::int64_t> requests_;
  std::map<std::string, std::int64_t> faults_;
  std::int64_t requests_total_ = 0;
  std::int64_t writes_ = 0;
  std::int64_t faults_total_ = 0;
  std::int64_t lost_on_reused_ = 0;
  std::int64_t tokens_ = 0;
  std::int64_t in_flight_ = 0;
  std::int64_t max_in_flight_ = 0;
};

}  // namespace mpctl::emulator
