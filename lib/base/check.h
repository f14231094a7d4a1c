#pragma once

#include <cstdio>
#include <cstdlib>

/// Aborts with file:line when an invariant does not hold. On in release builds too.
#define MPCTL_CHECK(cond)                                                          \
  do {                                                                             \
    if (!(cond)) {                                                                 \
      std::fprintf(stderr, "mpctl: internal error: check failed at %s:%d: %s\n", \
                   __FILE__, __LINE__, #cond);                                     \
      std::abort();                                                                \
    }                                                                              \
  } while (false)
