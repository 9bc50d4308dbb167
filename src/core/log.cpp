#include "core/log.h"

#include <atomic>
#include <cstdio>
#include <ctime>
#include <string>
#include <sys/time.h>
#include <unistd.h>

namespace lintel::core {
namespace {

std::atomic<int> threshold{static_cast<int>(log_level::info)};

const char* level_name(log_level level) {
    switch (level) {
    case log_level::error: return "error";
    case log_level::warning: return "warning";
    case log_level::info: return "info";
    case log_level::debug: return "debug";
    }
    return "info";
}

}  // namespace

void set_log_threshold(log_level level) { threshold.store(static_cast<int>(level)); }

bool log_enabled(log_level level) { return static_cast<int>(level) <= threshold.load(); }

void log(log_level level, std::string_view component, std::string_view message) {
    if (!log_enabled(level)) {
        return;
    }
    timeval now{};
    gettimeofday(&now, nullptr);
    tm utc{};
    gmtime_r(&now.tv_sec, &utc);
    char stamp[40];
    std::snprintf(stamp, sizeof stamp, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900,
                  utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec,
                  static_cast<int>(now.tv_usec / 1000));
    std::string line;
    line.reserve(64 + component.size() + message.size());
    line.append(stamp).append(" ").append(level_name(level)).append(" ");
    line.append(component).append(": ").append(message);
    // A message is one line: embedded newlines would break log parsers.
    for (char& c : line) {
        if (c == '\n' || c == '\r') {
            c = ' ';
        }
    }
    line.push_back('\n');
    ssize_t ignored = ::write(STDERR_FILENO, line.data(), line.size());
    (void)ignored;
}

}  // namespace lintel::core
