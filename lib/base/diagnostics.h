#pragma once

#include <string>
#include <vector>

namespace mpctl::base {

/// A position in a text file; line and column are 1-based, 0 when unknown.
struct SourceLocation {
  std::string file;
  int line = 0;
  int column = 0;
};

/// One problem found in user input, e.g. a manifest.
struct Diagnostic {
  SourceLocation location;
  std::string path;     // JSON path of the offending value, e.g. clients.sync.keys[1].kid
  std::string message;  // lower case, no final full stop, user values quoted '...'
  std::string hint;     // optional, e.g. "did you mean 'display_name'?"

  /// "file:line:col: path: message (hint)"; parts that are empty are left out.
  std::string ToString() const;
};

/// Collects every problem of one pass instead of stopping at the first.
class Diagnostics {
 public:
  void Add(Diagnostic diagnostic) { items_.push_back(std::move(diagnostic)); }
  void Add(SourceLocation location, std::string path, std::string message, std::string hint = "") {
    items_.push_back({std::move(location), std::move(path), std::move(message), std::move(hint)});
  }
  void Append(const Diagnostics& other) {
    items_.insert(items_.end(), other.items_.begin(), other.items_.end());
  }

  bool empty() const { return items_.empty(); }
  std::size_t size() const { return items_.size(); }
  const std::vector<Diagnostic>& items() const { return items_; }

  /// Sorts by file, line, column, then path and message, and drops exact duplicates.
  void Sort();
  /// Most diagnostics ToString prints; then one line "… and N more".
  static constexpr std::size_t kMaxPrinted = 50;
  /// One ToString() line per diagnostic, each ending in '\n', control characters escaped,
  /// at most kMaxPrinted of them.
  std::string ToString() const;

 private:
  std::vector<Diagnostic> items_;
};

}  // namespace mpctl::base
