// cmd/mpctl: files as they were at a Git revision (`--base REF`), through the `git` command.
// Why the command and not libgit2: it is on every machine and CI runner that checked out the
// repository, it adds no library to the binary and its package, and it reads every
// repository the user's Git can (worktrees, shallow and blobless partial clones that fetch a
// missing blob on demand, safe.directory, newer index and object formats); libgit2 1.5 lags
// behind on several of these. It is run without a shell, so a REF cannot inject anything.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "base/file_reader.h"
#include "base/result.h"

namespace mpctl::cli {

/// Reads files of the Git work tree holding a path as they were at one commit. Paths are
/// file-system paths (relative to the working directory, or absolute) inside the work tree.
class GitRevisionReader final : public base::FileReader {
 public:
  /// Finds the work tree holding `path` and resolves `ref` to a commit. kNotFound when
  /// `path` is not in a Git work tree or `ref` names no commit; kUnavailable without `git`.
  static base::Result<GitRevisionReader> Open(const std::string& path, const std::string& ref);

  /// The file at the commit; kNotFound (naming the file and REF) when it did not exist there.
  base::Result<std::string> Read(const std::string& path) const override;

 private:
  GitRevisionReader(std::string top, std::string ref, std::string commit)
      : top_(std::move(top)), ref_(std::move(ref)), commit_(std::move(commit)) {}
  std::string top_;     // the work tree's top directory (canonical)
  std::string ref_;     // as given, for messages
  std::string commit_;  // full object id
  /// Files read so far, by path in the work tree: the manifest is read more than once (not
  /// thread-safe; the manifest loader reads one file at a time). A
  /// shared_ptr so that the reader stays movable (Result<GitRevisionReader>).
  std::shared_ptr<std::map<std::string, std::string>> cache_ =
      std::make_shared<std::map<std::string, std::string>>();
};

}  // namespace mpctl::cli
