// libFuzzer target: the saved-plan reader (mpctl apply PLANFILE), and writing back what it read.
#include <cstddef>
#include <cstdint>
#include <string>

#include "plan/plan_json.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto plan = mpctl::plan::ReadPlanJson(text);
  if (plan.ok()) (void)mpctl::plan::WritePlanJson(*plan);
  return 0;
}
