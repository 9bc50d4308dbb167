// Layering of <location> blocks: which ones apply to a site + URL path, and the system.webServer
// that results.
#include "config/detail.h"

#include <algorithm>

namespace lintel::config {

namespace {

std::size_t segment_count(std::string_view path) {
    std::size_t n = 0;
    bool in_segment = false;
    for (char c : path) {
        if (c == '/') {
            in_segment = false;
        } else if (!in_segment) {
            in_segment = true;
            ++n;
        }
    }
    return n;
}

std::string_view strip_query(std::string_view url_path) {
    const auto q = url_path.find('?');
    if (q != std::string_view::npos) url_path = url_path.substr(0, q);
    if (url_path.empty()) url_path = "/";
    return url_path;
}

// Whether loc applies to url_path of its site, honouring inheritInChildApplications="false": such
// a block stops at the boundary of the application it sits in.
bool location_applies(const snapshot& config, const location& loc, std::string_view url_path) {
    if (!detail::path_contains(loc.url_path, url_path)) return false;
    if (loc.inherit_in_child_applications) return true;
    const site* s = find_site(config, loc.site_name);
    if (s == nullptr) return true;
    const application* own = find_application(*s, loc.url_path);
    const application* target = find_application(*s, url_path);
    return own == target;
}

}  // namespace

const site* find_site(const snapshot& config, std::string_view site_name) {
    for (const auto& s : config.sites) {
        if (detail::iequals(s.name, site_name)) return &s;
    }
    return nullptr;
}

const site* find_site(const snapshot& config, uint32_t site_id) {
    for (const auto& s : config.sites) {
        if (s.id == site_id) return &s;
    }
    return nullptr;
}

const application* find_application(const site& s, std::string_view url_path) {
    url_path = strip_query(url_path);
    const application* best = nullptr;
    for (const auto& app : s.applications) {
        if (!detail::path_contains(app.path, url_path)) continue;
        if (best == nullptr || app.path.size() > best->path.size()) best = &app;
    }
    return best;
}

namespace detail {

std::vector<std::size_t> applicable_locations(const snapshot& config, std::string_view site_name,
                                              std::string_view url_path,
                                              std::optional<std::size_t> before) {
    url_path = strip_query(url_path);
    auto key = [&](std::size_t i) {
        return std::pair(segment_count(config.locations[i].url_path), i);
    };
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < config.locations.size(); ++i) {
        const auto& loc = config.locations[i];
        if (before && !(key(i) < key(*before))) continue;
        if (!iequals(loc.site_name, site_name)) continue;
        if (!location_applies(config, loc, url_path)) continue;
        out.push_back(i);
    }
    std::sort(out.begin(), out.end(),
              [&](std::size_t a, std::size_t b) { return key(a) < key(b); });
    return out;
}

}  // namespace detail

web_server effective_web_server(const snapshot& config, std::string_view site_name,
                                std::string_view url_path) {
    web_server out = config.root_web;
    auto ignore = [](const auto&, const std::string&) {};
    for (std::size_t i : detail::applicable_locations(config, site_name, url_path)) {
        const auto& loc = config.locations[i];
        out.modules = detail::apply_level(out.modules, loc.module_directives, true, "module",
                                          "modules", ignore);
        out.handlers = detail::apply_level(out.handlers, loc.handler_directives, false, "handler",
                                           "handlers", ignore);
        if (loc.web.handlers_access_policy) {
            out.handlers_access_policy = loc.web.handlers_access_policy;
        }
    }
    if (!out.handlers_access_policy) out.handlers_access_policy = access_read;
    return out;
}

}  // namespace lintel::config
