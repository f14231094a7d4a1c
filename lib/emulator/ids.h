#pragma once

#include <string>

namespace mpctl::emulator {

/// A random UUIDv4 ("238259d7-f0ab-4bd5-b253-0f0159375096"), as the portal makes client ids.
std::string NewUuid();
/// 32 lower-case hex digits, as the portal's correlation ids.
std::string NewCorrelationId();

}  // namespace mpctl::emulator
