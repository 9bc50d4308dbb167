// lintel: the executable. Command line, configuration, module host, loops and listeners, signals.
#include <algorithm>
#include <atomic>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <string>
#include <thread>
#include <unistd.h>
#include <vector>

#include <asio/post.hpp>
#include <asio/signal_set.hpp>
#include <chrono>

#include "api/context.h"
#include "config/config.h"
#include "config/sections.h"
#include "core/log.h"
#include "host/host.h"
#include "io/loop.h"
#include "net/listener.h"
#include <lintel/version.h>

namespace {

// How long a graceful stop waits for requests in flight.
constexpr int drain_seconds = 10;

// IIS writes durations as TimeSpan text: "hh:mm:ss" (or "d.hh:mm:ss"). Returns false if it is not one.
bool parse_timespan_seconds(const std::string& text, unsigned& seconds) {
    unsigned days = 0, hours = 0, minutes = 0, secs = 0;
    char dot = 0;
    if (std::sscanf(text.c_str(), "%u%c%u:%u:%u", &days, &dot, &hours, &minutes, &secs) == 5 && dot == '.') {
        seconds = ((days * 24 + hours) * 60 + minutes) * 60 + secs;
        return true;
    }
    if (std::sscanf(text.c_str(), "%u:%u:%u", &hours, &minutes, &secs) == 3) {
        seconds = (hours * 60 + minutes) * 60 + secs;
        return true;
    }
    return false;
}

// system.applicationHost/webLimits: the connection limits IIS applies to every site.
void apply_web_limits(const lintel::config::snapshot& config, lintel::h1::connection_settings& settings) {
    auto limits = lintel::config::section_for(config, "system.applicationHost/webLimits", "MACHINE/WEBROOT/APPHOST");
    if (limits.status != lintel::config::section_status::found) {
        return;
    }
    if (const auto* timeout = limits.element.find_attribute("connectionTimeout")) {
        unsigned seconds = 0;
        if (parse_timespan_seconds(timeout->value, seconds) && seconds > 0) {
            settings.idle_timeout_seconds = seconds;
        } else {
            lintel::core::log_warning("config", "webLimits connectionTimeout '" + timeout->value +
                                                    "' is not a duration (hh:mm:ss); keeping " +
                                                    std::to_string(settings.idle_timeout_seconds) + " s");
        }
    }
}

struct options {
    std::string config_path;
    unsigned threads = 0;
    bool check = false;
};

void usage(FILE* out) {
    std::fprintf(out,
                 "usage: lintel --config PATH [--threads N] [--check]\n"
                 "       lintel --version\n"
                 "\n"
                 "  --config PATH   IIS-format applicationHost.config to serve\n"
                 "  --threads N     event loops (default: one per CPU core)\n"
                 "  --check         validate the configuration and load every module, then exit\n"
                 "  --version       print the version and exit\n");
}

// Keep descriptors 0-2 open so that a file a module opens never gets one of them (HANDLE 0 would look like
// NULL to module code).
void reserve_standard_descriptors() {
    for (int fd = 0; fd < 3; ++fd) {
        if (fcntl(fd, F_GETFD) == -1) {
            int opened = open("/dev/null", O_RDWR);
            if (opened > 2) close(opened);
        }
    }
}

void set_default_environment(const std::string& config_path) {
    // %LINTEL_ROOT% (the directory of the configuration) and %LINTEL_MODULES% (the installed modules) are
    // available to image and physicalPath attributes, like %windir% on IIS.
    char resolved[PATH_MAX];
    std::string root = ".";
    if (realpath(config_path.c_str(), resolved) != nullptr) {
        root = resolved;
        root = root.substr(0, root.rfind('/'));
    }
    setenv("LINTEL_ROOT", root.c_str(), 0);
    char self[PATH_MAX];
    ssize_t length = readlink("/proc/self/exe", self, sizeof self - 1);
    if (length > 0) {
        self[length] = '\0';
        std::string prefix = self;
        prefix = prefix.substr(0, prefix.rfind('/'));        // bin
        prefix = prefix.substr(0, prefix.rfind('/'));        // prefix
        std::string modules = prefix + "/lib/lintel/modules";
        setenv("LINTEL_MODULES", modules.c_str(), 0);
    }
}

}  // namespace

int main(int argc, char** argv) {
    options opts;
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        if (arg == "--version") {
            std::printf("lintel %s\n", LINTEL_VERSION_STRING);
            return 0;
        } else if (arg == "--help" || arg == "-h") {
            usage(stdout);
            return 0;
        } else if (arg == "--config" && i + 1 < argc) {
            opts.config_path = argv[++i];
        } else if (arg == "--threads" && i + 1 < argc) {
            opts.threads = static_cast<unsigned>(std::strtoul(argv[++i], nullptr, 10));
        } else if (arg == "--check") {
            opts.check = true;
        } else {
            std::fprintf(stderr, "lintel: unknown argument '%s'\n", arg.c_str());
            usage(stderr);
            return 2;
        }
    }
    if (opts.config_path.empty()) {
        usage(stderr);
        return 2;
    }
    reserve_standard_descriptors();
    std::signal(SIGPIPE, SIG_IGN);
    set_default_environment(opts.config_path);

    auto loaded = lintel::config::load_application_host(opts.config_path);
    if (!loaded.config) {
        for (const auto& error : loaded.errors) {
            std::fprintf(stderr, "%s\n", error.to_string().c_str());
        }
        std::fprintf(stderr, "lintel: configuration has %zu error(s); not starting\n", loaded.errors.size());
        return 1;
    }
    const auto& config = *loaded.config;

    std::vector<std::string> errors;
    auto server = lintel::host::load(config, errors);
    if (!server.runtime) {
        for (const auto& error : errors) {
            std::fprintf(stderr, "%s\n", error.c_str());
        }
        std::fprintf(stderr, "lintel: %zu module error(s); not starting\n", errors.size());
        return 1;
    }
    if (opts.check) {
        for (const auto& section : config.unknown_sections) {
            std::fprintf(stderr, "lintel: section %s is not read by this version (ignored)\n", section.c_str());
        }
        std::fprintf(stderr, "lintel: configuration %s is valid (%zu module(s), %zu site(s))\n",
                     opts.config_path.c_str(), server.runtime->modules().size(), config.sites.size());
        lintel::host::shutdown(server);
        return 0;
    }

    unsigned threads = opts.threads ? opts.threads : std::max(1u, std::thread::hardware_concurrency());
    lintel::io::loop_group loops(threads);
    lintel::api::pipeline_entry entry(*server.runtime);
    lintel::h1::connection_settings settings;
    apply_web_limits(config, settings);
    std::atomic<uint64_t> connection_ids{0};
    std::vector<std::unique_ptr<lintel::net::listener>> listeners;
    std::vector<asio::ip::tcp::endpoint> bound;  // sites sharing an endpoint (host names) share its listeners
    try {
        for (const auto& site : config.sites) {
            for (const auto& binding : site.bindings) {
                if (binding.protocol != "http") {
                    lintel::core::log_warning("net", "site '" + site.name + "': binding '" +
                                                         binding.information + "' (" + binding.protocol +
                                                         ") is not supported yet; skipped");
                    continue;
                }
                lintel::net::listen_address address{binding.address, binding.port};
                try {
                    for (const auto& endpoint : lintel::net::endpoints_for(address)) {
                        if (std::find(bound.begin(), bound.end(), endpoint) != bound.end()) continue;
                        bound.push_back(endpoint);
                        for (auto& loop : loops.loops()) {
                            listeners.push_back(std::make_unique<lintel::net::listener>(
                                *loop, endpoint, entry, settings, connection_ids));
                        }
                    }
                } catch (const std::exception& e) {
                    throw std::runtime_error(binding.where.file + ":" + std::to_string(binding.where.line) +
                                             ": site '" + site.name + "' binding '" + binding.information +
                                             "': " + e.what());
                }
            }
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "%s\n", e.what());
        std::fprintf(stderr, "lintel: cannot listen; not starting\n");
        lintel::host::shutdown(server);
        return 1;
    }
    lintel::host::start_applications(server);
    for (auto& listener : listeners) {
        listener->start();
    }
    server.listening = true;
    for (const auto& site : config.sites) {
        for (const auto& binding : site.bindings) {
            if (binding.protocol != "http") continue;
            std::string host = binding.address == "*" ? "0.0.0.0" : binding.address;
            if (host.find(':') != std::string::npos) host = "[" + host + "]";
            lintel::core::log_info("net", "site '" + site.name + "' listening on http://" + host + ":" +
                                              std::to_string(binding.port));
        }
    }
    lintel::core::log_info("server", std::string("Lintel ") + LINTEL_VERSION_STRING + " started with " +
                                         std::to_string(threads) + " loop(s)");

    // Signals: a dedicated context so that SIGINT/SIGTERM stop everything cleanly.
    asio::io_context signals_context;
    asio::signal_set signals(signals_context, SIGINT, SIGTERM);
    loops.start();
    signals.async_wait([&](const asio::error_code&, int signal) {
        lintel::core::log_info("server", std::string("received ") +
                                             (signal == SIGINT ? "SIGINT" : "SIGTERM") + ", stopping");
    });
    signals_context.run();

    // Graceful stop: close the listeners (each on its own loop), tell the modules, let the requests in flight
    // finish, then stop the loops. Idle keep-alive connections are simply closed.
    for (auto& listener : listeners) {
        asio::post(listener->executor(), [l = listener.get()] { l->stop(); });
    }
    lintel::host::stop_listening(server);
    const auto drain_deadline = std::chrono::steady_clock::now() + std::chrono::seconds(drain_seconds);
    while (lintel::core::exchanges_in_flight().load() > 0 &&
           std::chrono::steady_clock::now() < drain_deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    if (auto left = lintel::core::exchanges_in_flight().load(); left > 0) {
        lintel::core::log_warning("server", std::to_string(left) + " request(s) still running after " +
                                                std::to_string(drain_seconds) + " s; stopping anyway");
    }
    loops.stop_and_join();
    listeners.clear();
    lintel::host::shutdown(server);
    lintel::core::log_info("server", "stopped");
    return 0;
}
