// cmd/mpctl: what the commands need to know about the terminal they run in.
#pragma once

#include "render/render.h"

namespace mpctl::cli {

/// kAlways only when stdout is a terminal, NO_COLOR is unset or empty, and `no_color`
/// (--no-color) is false.
render::Color OutputColor(bool no_color);

/// True when stdin is a terminal (someone can answer a question).
bool StdinIsTerminal();

}  // namespace mpctl::cli
