// Server log: one line per event on stderr, "<ISO time> <level> <component>: <message>".
// Thread-safe; a line is written with one write(2) so lines from loop threads never interleave.
#pragma once

#include <string_view>

namespace lintel::core {

enum class log_level : int { error = 1, warning = 2, info = 4, debug = 8 };

void set_log_threshold(log_level level);
bool log_enabled(log_level level);
void log(log_level level, std::string_view component, std::string_view message);

inline void log_error(std::string_view component, std::string_view message) {
    log(log_level::error, component, message);
}
inline void log_warning(std::string_view component, std::string_view message) {
    log(log_level::warning, component, message);
}
inline void log_info(std::string_view component, std::string_view message) {
    log(log_level::info, component, message);
}

}  // namespace lintel::core
