#include "emulator/faults.h"

#include "emulator/json.h"

namespace mpctl::emulator {

const char* FaultName(FaultKind kind) {
  switch (kind) {
    case FaultKind::k500: return "500";
    case FaultKind::k503: return "503";
    case FaultKind::k429: return "429";
    case FaultKind::kDrop: return "drop";
    case FaultKind::kLoseAnswer: return "lost_answer";
    case FaultKind::kNone: break;
  }
  return "none";
}

FaultKind FaultInjector::Next() {
  if (rate_ <= 0) return FaultKind::kNone;
  std::lock_guard lock(mu_);
  // Two draws per request whatever the outcome, so one decision never shifts the next.
  // Computed by hand rather than with std::uniform_*_distribution, whose output differs
  // between standard libraries.
  double roll = static_cast<double>(rng_() >> 11) * 0x1.0p-53;
  std::uint64_t pick = rng_() % 4;
  if (roll >= rate_) return FaultKind::kNone;
  static constexpr FaultKind kKinds[] = {FaultKind::k500, FaultKind::k503, FaultKind::k429,
                                         FaultKind::kDrop};
  return kKinds[pick];
}

void LostAnswers::Arm(const std::string& route, int count) {
  std::lock_guard lock(mu_);
  for (auto& [armed_route, armed_count] : armed_) {
    if (armed_route == route) {
      armed_count += count;
      return;
    }
  }
  armed_.emplace_back(route, count);
}

bool LostAnswers::Take(const std::string& route) {
  std::lock_guard lock(mu_);
  for (auto& [armed_route, armed_count] : armed_) {
    if (armed_route == route && armed_count > 0) {
      --armed_count;
      return true;
    }
  }
  return false;
}

std::string LostAnswers::PendingJson() const {
  std::lock_guard lock(mu_);
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  for (const auto& [route, count] : armed_) WriteInt(w, route.c_str(), count);
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace mpctl::emulator
