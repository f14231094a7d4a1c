#include "emulator/stats.h"

#include "emulator/json.h"

namespace mpctl::emulator {

void Stats::CountRequest(const std::string& key) {
  std::lock_guard lock(mu_);
  ++requests_[key];
  ++requests_total_;
}

void Stats::CountWrite() {
  std::lock_guard lock(mu_);
  ++writes_;
}

void Stats::CountFault(FaultKind kind) {
  std::lock_guard lock(mu_);
  ++faults_[FaultName(kind)];
  ++faults_total_;
}

void Stats::CountLostOnReused() {
  std::lock_guard lock(mu_);
  ++lost_on_reused_;
}

void Stats::CountToken() {
  std::lock_guard lock(mu_);
  ++tokens_;
}

void Stats::RequestStarted() {
  std::lock_guard lock(mu_);
  if (++in_flight_ > max_in_flight_) max_in_flight_ = in_flight_;
}

void Stats::RequestEnded() {
  std::lock_guard lock(mu_);
  --in_flight_;
}

void Stats::Reset() {
  std::lock_guard lock(mu_);
  requests_.clear();
  faults_.clear();
  requests_total_ = writes_ = faults_total_ = lost_on_reused_ = tokens_ = 0;
  max_in_flight_ = in_flight_;
}

std::string Stats::ToJson() const {
  std::lock_guard lock(mu_);
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  w.Key("requests");
  w.StartObject();
  for (const auto& [key, count] : requests_) WriteInt(w, key.c_str(), count);
  w.EndObject();
  WriteInt(w, "requests_total", requests_total_);
  WriteInt(w, "writes", writes_);
  w.Key("faults");
  w.StartObject();
  for (const auto& [key, count] : faults_) WriteInt(w, key.c_str(), count);
  w.EndObject();
  WriteInt(w, "faults_total", faults_total_);
  WriteInt(w, "lost_answers_on_reused_connections", lost_on_reused_);
  WriteInt(w, "tokens_issued", tokens_);
  WriteInt(w, "max_in_flight", max_in_flight_);
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace mpctl::emulator
