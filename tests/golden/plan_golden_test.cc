// Golden tests: every directory under tests/golden/plan/ is a case with manifest.yaml,
// live.json and optionally options.json; the expected plan.txt, plan.md and plan.json sit
// beside them. Public key fixtures are in tests/golden/keys/.
// MPCTL_UPDATE_GOLDEN=1 rewrites the expected files instead of comparing.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "plan/plan_json.h"
#include "render/render.h"
#include "support/plan_fixture.h"
#include "support/plan_schema.h"

namespace mpctl {
namespace {

namespace fs = std::filesystem;

const fs::path kCases = fs::path(MPCTL_SOURCE_DIR) / "tests/golden/plan";

std::vector<std::string> CaseNames() {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(kCases)) {
    if (entry.is_directory()) names.push_back(entry.path().filename().string());
  }
  std::ranges::sort(names);
  return names;
}

bool Updating() {
  const char* flag = std::getenv("MPCTL_UPDATE_GOLDEN");
  return flag != nullptr && std::string(flag) == "1";
}

void ExpectFile(const fs::path& path, const std::string& actual) {
  if (Updating()) {
    std::ofstream(path, std::ios::binary) << actual;
    return;
  }
  auto expected = testing::ReadText(path);
  ASSERT_TRUE(expected.ok()) << expected.error().message
                             << " (run with MPCTL_UPDATE_GOLDEN=1 to create it)";
  EXPECT_EQ(*expected, actual) << "golden file " << path
                               << " differs; if the change is intended, run with "
                                  "MPCTL_UPDATE_GOLDEN=1 and review the diff";
}

class PlanGoldenTest : public ::testing::TestWithParam<std::string> {};

TEST_P(PlanGoldenTest, RendersAsExpected) {
  fs::path dir = kCases / GetParam();
  testing::CaseOptions options;
  auto plan = testing::PlanCase(dir, &options);
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  render::ShowUnmanaged show =
      options.show_unmanaged ? render::ShowUnmanaged::kYes : render::ShowUnmanaged::kNo;
  std::string json = render::RenderJson(*plan);
  ExpectFile(dir / "plan.txt", render::RenderText(*plan, {render::Color::kNever, show}));
  ExpectFile(dir / "plan.md", render::RenderMarkdown(*plan, {60000, show}));
  ExpectFile(dir / "plan.json", json);
  EXPECT_EQ(testing::PlanSchemaViolation(json), std::nullopt);
  auto reread = plan::ReadPlanJson(json);
  ASSERT_TRUE(reread.ok()) << reread.error().message;
  EXPECT_EQ(plan::WritePlanJson(*reread), json) << "the JSON codec does not round-trip";
}

INSTANTIATE_TEST_SUITE_P(Cases, PlanGoldenTest, ::testing::ValuesIn(CaseNames()),
                         [](const auto& info) {
                           std::string name = info.param;
                           std::ranges::replace(name, '-', '_');
                           return name;
                         });

}  // namespace
}  // namespace mpctl
