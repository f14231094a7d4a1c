#include "plan/plan_json.h"
#include "render/render.h"

namespace mpctl::render {

std::string RenderJson(const plan::Plan& plan) { return plan::WritePlanJson(plan); }

}  // namespace mpctl::render
