#include "render/render.h"

#include <gtest/gtest.h>

#include "planner/cause.h"
#include "planner/diff.h"
#include "support/plan_builders.h"

namespace mpctl::render {
namespace {

using testing::DesiredClientOf;
using testing::Key;
using testing::LiveClientOf;

// A plan with one deletion and many creates, large enough to need truncation.
plan::Plan BigPlan(int clients) {
  std::vector<model::DesiredClient> desired;
  for (int i = 0; i < clients; ++i) {
    desired.push_back(DesiredClientOf("client-" + std::to_string(1000 + i), {"a:b", "c:d"},
                                      {Key("k-" + std::to_string(i), std::to_string(i))}));
  }
  planner::DiffOptions options;
  options.prune = planner::Prune::kYes;
  plan::Plan p;
  for (const char* env : {"test", "prod"}) {
    model::DesiredState d = testing::DesiredOf(desired);
    d.environment.name = env;
    p.environments.push_back(
        planner::Diff(d, testing::LiveOf({LiveClientOf("id-old", "old", {"a:b"})}), options));
  }
  return p;
}

TEST(MarkdownTest, StaysUnderMaxBytesWithATruncationNote) {
  plan::Plan p = BigPlan(400);
  std::string full = RenderMarkdown(p, {1000000, ShowUnmanaged::kNo});
  ASSERT_GT(full.size(), 60000u);
  EXPECT_EQ(full.find("Output truncated"), std::string::npos);
  for (std::size_t limit : {60000u, 20000u, 4000u}) {
    std::string md = RenderMarkdown(p, {limit, ShowUnmanaged::kNo});
    EXPECT_LE(md.size(), limit);
    EXPECT_NE(md.find("**Output truncated** to stay under " + std::to_string(limit)),
              std::string::npos);
    EXPECT_NE(md.find("deletes or revokes 2 resources"), std::string::npos)
        << "deletions stay at the top";
    EXPECT_NE(md.find("| prod | 800 | 0 | **1** |"), std::string::npos) << "the table is complete";
  }
}

TEST(MarkdownTest, FenceOutgrowsBackticksInUserText) {
  auto d = DesiredClientOf("sync", {"a:b"});
  d.description = "uses ``` in text";
  plan::Plan p;
  p.environments.push_back(
      planner::Diff(testing::DesiredOf({d}), testing::LiveOf({}), planner::DiffOptions{}));
  std::string md = RenderMarkdown(p, {});
  EXPECT_NE(md.find("````diff\n"), std::string::npos);
}

TEST(TextTest, ColourOnlyWhenAsked) {
  plan::Plan p = BigPlan(1);
  EXPECT_EQ(RenderText(p, {Color::kNever, ShowUnmanaged::kNo}).find('\x1b'), std::string::npos);
  std::string coloured = RenderText(p, {Color::kAlways, ShowUnmanaged::kNo});
  EXPECT_NE(coloured.find("\x1b[1;31mDESTROY client 'id-old'\x1b[0m"), std::string::npos);
}

TEST(TextTest, ControlCharactersInMessagesAreNeutralised) {
  plan::Plan p;
  plan::EnvironmentPlan env;
  env.name = "test";
  env.warnings.push_back({"client.a", "name '\x1b]0;evil\x07'"});
  p.environments.push_back(env);
  std::string text = RenderText(p, {});
  EXPECT_EQ(text.find('\x1b'), std::string::npos);
  EXPECT_NE(text.find("name '\\x1b]0;evil\\x07'"), std::string::npos) << text;
}

// A plan made with --base whose drift carries hostile server values: a renamed client and a
// key uploaded by hand with an escape sequence, a bidi override and a newline in them.
TEST(DriftTest, HostileServerValuesStayInertInTheDriftBlock) {
  auto desired = testing::DesiredOf({DesiredClientOf("sync", {"a:b"}, {Key("k1", "1")})});
  auto live = testing::LiveOf(
      {LiveClientOf("id", "sync", {"a:b"}, {Key("k1", "1"), Key("evil\x1b[31m\u202e\nkid", "2")})});
  live.clients[0].client_name = "Sync\x1b]0;pwned\x07\u202e";
  planner::DiffOptions options;
  plan::Plan p;
  p.base = "main\x1b[2J";
  p.environments.push_back(planner::Diff(desired, live, options));
  planner::AttributeCauses(p.environments[0], &desired, desired, live, options);
  ASSERT_EQ(p.environments[0].summary.drift, 2);
  std::string text = RenderText(p, {Color::kNever, ShowUnmanaged::kNo});
  std::string md = RenderMarkdown(p, {60000, ShowUnmanaged::kNo});
  for (const std::string* out : {&text, &md}) {
    EXPECT_EQ(out->find('\x1b'), std::string::npos) << *out;
    EXPECT_EQ(out->find("\u202e"), std::string::npos) << *out;
    EXPECT_EQ(out->find("\nkid"), std::string::npos) << *out;
  }
  EXPECT_NE(text.find("Changed outside mpctl \u2014 apply will revert:\n"), std::string::npos);
  EXPECT_NE(md.find("> [!WARNING]\n> **Changed outside mpctl"), std::string::npos) << md;
  // The drift callout comes before everything else in the comment.
  EXPECT_LT(md.find("[!WARNING]"), md.find("[!CAUTION]"));
}

TEST(TextTest, SummaryLine) {
  EXPECT_EQ(SummaryLine({1, 2, 0, 4, 2, 0, std::nullopt}),
            "Plan: 1 to create, 2 to update, 0 to delete, 4 unchanged, 2 unmanaged.");
  EXPECT_EQ(SummaryLine({0, 0, 0, 0, 0, 3, std::nullopt}),
            "Plan: 0 to create, 0 to update, 0 to delete, 0 unchanged, 0 unmanaged, 3 orphaned.");
}

}  // namespace
}  // namespace mpctl::render
