// Inspection endpoints under /__emulator: reset and the settable clock (stats is in Dispatch).
#include "emulator/emulator.h"

namespace mpctl::emulator {

Response Emulator::HandleReset() {
  std::unique_lock lock(mu_);
  state_ = seed_;
  jtis_.Clear();
  stats_.Reset();
  if (auto saved = Persist(); !saved.ok()) {
    return ApiError(500, "Could not persist the reset: " + saved.error().message,
                    clock_.NowMillis());
  }
  return JsonResponse(200, "{\"reset\":true}");
}

Response Emulator::HandleClock(const Request& request) {
  if (request.method == "POST") {
    rapidjson::Document doc;
    const rapidjson::Value* now = nullptr;
    if (!ParseJson(request.body, doc) && doc.IsObject()) now = Member(doc, "now");
    if (now == nullptr || !now->IsInt64()) {
      return ApiError(400, "Body must be {\"now\": <epoch seconds>}", clock_.NowMillis());
    }
    clock_.SetNow(now->GetInt64());
  }
  return JsonResponse(200, "{\"now\":" + std::to_string(clock_.NowSeconds()) + "}");
}

Response Emulator::HandleFaults(const Request& request) {
  if (request.method == "POST") {
    rapidjson::Document doc;
    const rapidjson::Value* route = nullptr;
    const rapidjson::Value* count = nullptr;
    if (!ParseJson(request.body, doc) && doc.IsObject()) {
      route = Member(doc, "lose_answer");
      count = Member(doc, "count");
    }
    if (route == nullptr || !route->IsString() ||
        (count != nullptr && (!count->IsInt() || count->GetInt() < 1))) {
      return ApiError(400,
                      "Body must be {\"lose_answer\": \"METHOD /path/{template}\", \"count\": "
                      "<positive integer, default 1>}",
                      clock_.NowMillis());
    }
    lost_answers_.Arm(route->GetString(), count == nullptr ? 1 : count->GetInt());
  }
  return JsonResponse(200, "{\"lose_answer\":" + lost_answers_.PendingJson() + "}");
}

}  // namespace mpctl::emulator
