#include "terminal.h"

#include <unistd.h>

#include <cstdlib>

namespace mpctl::cli {

render::Color OutputColor(bool no_color) {
  const char* no_color_env = std::getenv("NO_COLOR");  // https://no-color.org
  bool env_says_no = no_color_env != nullptr && no_color_env[0] != '\0';
  if (no_color || env_says_no || isatty(STDOUT_FILENO) == 0) return render::Color::kNever;
  return render::Color::kAlways;
}

bool StdinIsTerminal() { return isatty(STDIN_FILENO) != 0; }

}  // namespace mpctl::cli
