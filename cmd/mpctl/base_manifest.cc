#include "base_manifest.h"

#include <algorithm>
#include <iostream>

#include "base/file_reader.h"
#include "git_revision.h"
#include "manifest/parser.h"

namespace po = boost::program_options;

namespace mpctl::cli {

void AddBaseFlags(po::options_description& options, BaseFlags* flags) {
  // clang-format off
  options.add_options()
      ("base", po::value(&flags->ref)->value_name("REF"),
       "tell manifest changes from drift: compare with the manifest (and the key files it "
       "references) at Git revision REF, e.g. origin/main; changes it did not ask for were "
       "made outside mpctl")
      ("base-file", po::value(&flags->file)->value_name("FILE"),
       "like --base, with the manifest as last reviewed in FILE (for pipelines without Git "
       "history); its key files are read relative to FILE");
  // clang-format on
}

std::optional<std::vector<model::DesiredState>> LoadBaseOrReport(
    const BaseFlags& flags, const PipelineFlags& pipeline, const manifest::Manifest& manifest) {
  if (!flags.ref.empty() && !flags.file.empty()) {
    Fail("--base and --base-file exclude each other; give one");
    return std::nullopt;
  }
  if (!flags.file.empty()) {
    auto exists = base::DiskFileReader().Read(flags.file);
    if (!exists.ok()) {
      Fail("--base-file: " + exists.error().message);
      return std::nullopt;
    }
  }
  std::optional<GitRevisionReader> git;
  std::string path = flags.file, what = "the base manifest '" + flags.file + "'";
  if (!flags.ref.empty()) {
    auto opened = GitRevisionReader::Open(pipeline.file, flags.ref);
    if (!opened.ok()) {
      Fail(opened.error().message);
      return std::nullopt;
    }
    git.emplace(std::move(opened.value()));
    path = pipeline.file;
    what = "the manifest at revision '" + flags.ref + "'";
    if (auto text = git->Read(path); !text.ok()) {
      Fail("--base: " + text.error().message +
           (text.error().code == base::ErrorCode::kNotFound
                ? "; when this change adds the manifest, plan without --base"
                : ""));
      return std::nullopt;
    }
  }
  manifest::LoadOptions options;
  options.reader = git ? &*git : nullptr;
  // The selected environments the base declares (one it does not is new in this change);
  // a base that does not parse keeps the whole selection, and loading reports why.
  base::DiskFileReader disk;
  const base::FileReader& reader = git ? static_cast<const base::FileReader&>(*git) : disk;
  std::optional<manifest::RawManifest> raw;
  if (auto text = reader.Read(path); text.ok()) {
    base::Diagnostics ignored;
    raw = manifest::ParseManifest(*text, path, &ignored);
  }
  for (const model::DesiredState& state : manifest.states) {
    const std::string& name = state.environment.name;
    if (!raw ||
        std::ranges::any_of(raw->environments, [&](const auto& env) { return env.name == name; })) {
      options.environments.push_back(name);
    }
  }
  if (options.environments.empty()) return std::vector<model::DesiredState>{};
  manifest::LoadResult result = manifest::LoadManifest(path, options);
  if (!result.manifest) {
    std::cerr << result.diagnostics.ToString();
    Fail(Count(result.diagnostics.size(), "error", "errors") + " in " + what +
         "; fix them or choose another base");
    return std::nullopt;
  }
  return std::move(result.manifest->states);
}

std::string BaseName(const BaseFlags& flags) { return flags.ref.empty() ? flags.file : flags.ref; }

std::optional<model::DesiredState> BaseOf(const std::vector<model::DesiredState>& base,
                                          const std::string& environment) {
  for (const model::DesiredState& state : base) {
    if (state.environment.name == environment) return state;
  }
  return std::nullopt;
}

}  // namespace mpctl::cli
