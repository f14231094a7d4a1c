#include "manifest/interpolate.h"

#include <gtest/gtest.h>

#include <map>

namespace mpctl::manifest {
namespace {

class InterpolateTest : public testing::Test {
 protected:
  std::optional<std::string> Run(const std::string& text) {
    return Interpolate(Text{text, Origin{{"m.yaml", 3, 7}, "a.b"}}, getenv_, &diagnostics_);
  }
  std::map<std::string, std::string> vars_ = {
      {"HOST", "127.0.0.1"}, {"PORT", "8080"}, {"EMPTY", ""}};
  GetenvFunction getenv_ = [this](const std::string& name) -> std::optional<std::string> {
    auto found = vars_.find(name);
    if (found == vars_.end()) return std::nullopt;
    return found->second;
  };
  base::Diagnostics diagnostics_;
};

TEST_F(InterpolateTest, ReportsEveryUnsetVariableByName) {
  EXPECT_EQ(Run("${NOPE}-${EMPTY}-${HOST}"), std::nullopt);
  EXPECT_EQ(diagnostics_.ToString(),
            "m.yaml:3:7: a.b: environment variable 'NOPE' is not set or empty\n"
            "m.yaml:3:7: a.b: environment variable 'EMPTY' is not set or empty\n");
}

TEST_F(InterpolateTest, ReportsBadSyntax) {
  EXPECT_EQ(Run("${1X}"), std::nullopt);
  EXPECT_EQ(Run("http://${HOST"), std::nullopt);
  EXPECT_EQ(diagnostics_.size(), 2u);
  EXPECT_EQ(diagnostics_.items()[0].message, "'${1X}' does not name an environment variable");
  EXPECT_EQ(diagnostics_.items()[1].message, "'${' without a closing '}'");
}

TEST_F(InterpolateTest, ReplacesVariablesAndKeepsEscapes) {
  EXPECT_EQ(Run("http://${HOST}:${PORT}/api"), "http://127.0.0.1:8080/api");
  EXPECT_EQ(Run("cost $5, literal $${HOST}"), "cost $5, literal ${HOST}");
  EXPECT_EQ(Run("no variables"), "no variables");
  EXPECT_TRUE(diagnostics_.empty());
}

}  // namespace
}  // namespace mpctl::manifest
