// mpctl validate --format github|json: one annotation per problem, at the problem's line and
// column, so GitHub shows each error on the pull request's diff.
#include <gmock/gmock.h>
#include <rapidjson/document.h>

#include <filesystem>

#include "support/mpctl_cli.h"

namespace mpctl::testing {
namespace {

using ::testing::ElementsAre;

// Three problems; their positions are where the offending text starts in this file.
const std::string kManifest =
    "apiVersion: mpctl/v1\n"                             // 1
    "environments:\n"                                    // 2
    "  test:\n"                                          // 3
    "    organization: \"310000109\"\n"                  // 4: orgno at col 19
    "    admin_client:\n"                                // 5
    "      client_id: demo-admin\n"                      // 6
    "      token_env: MPCTL_TEST_TOKEN\n"                // 7
    "clients:\n"                                         // 8
    "  Invoice_Sync:\n"                                  // 9: name at col 3
    "    scopes: [skatteetaten:mvameldingvalidering]\n"  // 10
    "  sync:\n"                                          // 11
    "    scopes: [skatteetaten:mvameldingvalidering]\n"  // 12
    "    keys:\n"                                        // 13
    "      - kid: a 2026\n"                              // 14: kid at col 14
    "        pem_file: " MPCTL_SOURCE_DIR "/examples/minimal/keys/invoice-sync-2026-11.pub.pem\n";

class ValidateFormatTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = "/tmp/mpctl-validate-format-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  std::string dir_;
};

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

TEST_F(ValidateFormatTest, GithubPrintsOneAnnotationPerErrorAtItsPosition) {
  WriteWholeFile(dir_ + "/mpctl.yaml", kManifest);
  CliOutcome text = RunMpctl({"validate"}, dir_, {"MPCTL_TEST_TOKEN=x"});
  ASSERT_EQ(text.exit_code, 1);
  std::size_t problems = Lines(text.err).size() - 1;  // the last line is the summary

  CliOutcome run = RunMpctl({"validate", "--format", "github"}, dir_, {"MPCTL_TEST_TOKEN=x"});
  EXPECT_EQ(run.exit_code, 1);
  std::vector<std::string> lines = Lines(run.out);
  EXPECT_EQ(lines.size(), problems) << run.out;
  std::vector<std::string> where;
  for (const std::string& line : lines) {
    ASSERT_TRUE(line.starts_with("::error file=mpctl.yaml,line=")) << line;
    where.push_back(line.substr(0, line.find(",title=")));
  }
  EXPECT_THAT(where, ElementsAre("::error file=mpctl.yaml,line=4,col=19",
                                 "::error file=mpctl.yaml,line=9,col=3",
                                 "::error file=mpctl.yaml,line=14,col=14"))
      << run.out;
  EXPECT_EQ(lines[1],
            "::error file=mpctl.yaml,line=9,col=3,title=mpctl validate::clients.Invoice_Sync: "
            "invalid client name 'Invoice_Sync' (use 1 to 63 of a-z, 0-9 and '-')");
}

TEST_F(ValidateFormatTest, JsonListsEveryErrorOrTheSummary) {
  WriteWholeFile(dir_ + "/mpctl.yaml", kManifest);
  CliOutcome run = RunMpctl({"validate", "--format", "json"}, dir_, {"MPCTL_TEST_TOKEN=x"});
  EXPECT_EQ(run.exit_code, 1);
  rapidjson::Document doc;
  doc.Parse(run.out.c_str());
  ASSERT_FALSE(doc.HasParseError()) << run.out;
  EXPECT_FALSE(doc["valid"].GetBool());
  ASSERT_EQ(doc["errors"].Size(), 3u) << run.out;
  EXPECT_EQ(doc["errors"][2]["line"].GetInt(), 14);
  EXPECT_EQ(doc["errors"][2]["column"].GetInt(), 14);
  EXPECT_STREQ(doc["errors"][2]["path"].GetString(), "clients.sync.keys[0].kid");

  CliOutcome ok =
      RunMpctl({"validate", "--format", "json", "-f", "examples/minimal/mpctl.yaml"}, "",
               {"MPCTL_TEST_ADMIN_CLIENT_ID=a", "MPCTL_TEST_API_URL=http://127.0.0.1:1/api/v1",
                "MPCTL_TEST_AUTH_SERVER=http://127.0.0.1:1/"});
  doc.Parse(ok.out.c_str());
  ASSERT_FALSE(doc.HasParseError()) << ok.out << ok.err;
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_TRUE(doc["valid"].GetBool());
  EXPECT_EQ(doc["errors"].Size(), 0u);
  ASSERT_EQ(doc["environments"].Size(), 1u);
  EXPECT_EQ(doc["environments"][0]["clients"].GetInt(), 1);
}

}  // namespace
}  // namespace mpctl::testing
