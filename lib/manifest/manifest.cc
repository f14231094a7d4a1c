#include "manifest/manifest.h"

#include <algorithm>
#include <cstdlib>

#include "base/strings.h"
#include "crypto/keys.h"
#include "manifest/key_loader.h"
#include "manifest/parser.h"
#include "manifest/resolver.h"
#include "manifest/wording.h"

namespace mpctl::manifest {
namespace {

std::optional<std::string> ProcessGetenv(const std::string& name) {
  const char* value = std::getenv(name.c_str());
  if (!value) return std::nullopt;
  return std::string(value);
}

// Reports the names in `selection` that are not declared environments.
void CheckSelection(const RawManifest& manifest, const std::vector<std::string>& selection,
                    const std::string& file, base::Diagnostics* diagnostics) {
  std::vector<std::string> declared;
  for (const auto& env : manifest.environments) declared.push_back(env.name);
  for (const auto& name : selection) {
    if (std::find(declared.begin(), declared.end(), name) != declared.end()) continue;
    diagnostics->Add({file, 0, 0}, "",
                     "environment " + Quoted(name) + " (given with -e) is not declared",
                     EnvironmentHint(name, declared));
  }
}

}  // namespace

LoadResult LoadManifest(const std::string& path, const LoadOptions& options) {
  base::DiskFileReader disk;
  const base::FileReader* reader = options.reader ? options.reader : &disk;
  auto text = reader->Read(path);
  if (!text.ok()) {
    LoadResult result;
    result.diagnostics.Add({path, 0, 0}, "",
                           text.error().code == base::ErrorCode::kNotFound
                               ? "manifest does not exist"
                               : "cannot read the manifest: " + text.error().message,
                           "give its path with -f");
    return result;
  }
  auto slash = path.rfind('/');
  std::string base_dir = slash == std::string::npos ? "" : path.substr(0, slash + 1);
  LoadOptions with_reader = options;
  with_reader.reader = reader;
  return LoadManifestFromString(*text, path, base_dir, with_reader);
}

LoadResult LoadManifestFromString(const std::string& text, const std::string& display_path,
                                  const std::string& base_dir, const LoadOptions& options) {
  LoadResult result;
  base::DiskFileReader disk;
  const base::FileReader* reader = options.reader ? options.reader : &disk;
  GetenvFunction getenv = options.getenv ? options.getenv : GetenvFunction(ProcessGetenv);

  auto raw = ParseManifest(text, display_path, &result.diagnostics);
  if (raw) {
    Manifest manifest;
    manifest.path = display_path;
    manifest.sha256 = crypto::Sha256Hex(text);
    if (raw->owner) manifest.owner = raw->owner->value;
    for (const auto& env : raw->environments) manifest.environment_names.push_back(env.name);
    CheckSelection(*raw, options.environments, display_path, &result.diagnostics);
    KeyLoader keys(base_dir, reader, getenv);
    // Environments not selected are checked too, only without their variables.
    for (const auto& env : raw->environments) {
      const auto& selection = options.environments;
      bool selected = selection.empty() ||
                      std::find(selection.begin(), selection.end(), env.name) != selection.end();
      ResolveContext context{base_dir, getenv, &keys, &result.diagnostics, selected};
      context.warnings = &result.warnings;
      model::DesiredState state = ResolveEnvironment(*raw, env, context);
      for (const model::DesiredClient& c : state.clients) {
        if (c.prevent_destroy) manifest.protected_clients.insert(c.name);
      }
      for (const model::DesiredScope& c : state.scopes) {
        if (c.prevent_destroy) manifest.protected_scopes.insert(c.name);
      }
      if (selected) manifest.states.push_back(std::move(state));
    }
    // An entry deployed to no environment keeps the protection written at its top level.
    for (const auto& c : raw->clients) {
      if (c.fields.prevent_destroy && c.fields.prevent_destroy->value) {
        manifest.protected_clients.insert(c.name);
      }
    }
    for (const auto& s : raw->scopes) {
      if (s.fields.prevent_destroy && s.fields.prevent_destroy->value) {
        manifest.protected_scopes.insert(s.name);
      }
    }
    if (result.diagnostics.empty()) result.manifest = std::move(manifest);
  }
  result.diagnostics.Sort();
  result.warnings.Sort();
  return result;
}

}  // namespace mpctl::manifest
