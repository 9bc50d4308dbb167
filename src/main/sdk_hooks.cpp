// Symbols the SDK headers look up weakly in the process: modules compiled against the SDK call these when they
// run inside Lintel (and fall back to stderr elsewhere, e.g. in a module's own unit tests).
#include <string>

#include "core/log.h"

extern "C" __attribute__((visibility("default"))) void lintel_sdk_log(int level, const char* source,
                                                                       const char* message) {
    lintel::core::log_level mapped = lintel::core::log_level::info;
    if (level == 1) mapped = lintel::core::log_level::error;
    else if (level == 2) mapped = lintel::core::log_level::warning;
    std::string component = "module";
    if (source && *source) component = std::string("module ") + source;
    lintel::core::log(mapped, component, message ? message : "");
}
