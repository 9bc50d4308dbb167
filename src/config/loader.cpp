// applicationHost.config -> lintel::config::snapshot.
//
// The document is parsed once with pugixml and then read in a fixed order that does not depend on
// where things sit in the file: server-level globalModules first (modules are checked against
// them), then sites (their defaults elements usually follow the sites they apply to), then the
// server-level modules/handlers, then <location> blocks, whose add/remove/clear are checked last
// against what each one inherits.
#include "config/detail.h"
#include "config/sections.h"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <pugixml.hpp>
#include <span>
#include <sstream>

namespace lintel::config {

std::string error::to_string() const {
    if (line == 0) return file + ": " + message;
    return file + ":" + std::to_string(line) + ": " + message;
}

namespace {

namespace fs = std::filesystem;
using detail::iequals;

constexpr std::string_view default_application_pool = "DefaultAppPool";

// Attribute values from <siteDefaults>, <applicationDefaults> and <virtualDirectoryDefaults>; an
// inner level (site, application) overrides an outer one field by field.
struct site_defaults {
    bool server_auto_start = true;
};
struct application_defaults {
    std::optional<std::string> application_pool;
    std::optional<std::string> enabled_protocols;
};
struct vdir_defaults {
    std::optional<std::string> physical_path;
};

bool is_element(const pugi::xml_node& n) {
    return n.type() == pugi::node_element;
}

std::string in_quotes(std::string_view s) {
    return "'" + std::string(s) + "'";
}

void append_utf8(std::string& out, uint32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

// The loader works on UTF-8 so that pugixml's offsets are byte offsets of the text we index for
// line numbers. IIS tools write UTF-8 with a BOM and sometimes UTF-16; both are normalised here
// (a BOM holds no newline, so dropping it does not move any line).
std::string to_utf8(std::string_view raw) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(raw[i]); };
    if (raw.size() >= 3 && byte(0) == 0xEF && byte(1) == 0xBB && byte(2) == 0xBF) {
        return std::string(raw.substr(3));
    }
    const bool le = raw.size() >= 2 && byte(0) == 0xFF && byte(1) == 0xFE;
    const bool be = raw.size() >= 2 && byte(0) == 0xFE && byte(1) == 0xFF;
    if (!le && !be) return std::string(raw);

    std::string out;
    out.reserve(raw.size() / 2);
    auto unit = [&](std::size_t i) -> uint32_t {
        return le ? (byte(i) | (byte(i + 1) << 8)) : ((byte(i) << 8) | byte(i + 1));
    };
    for (std::size_t i = 2; i + 1 < raw.size(); i += 2) {
        uint32_t cp = unit(i);
        if (cp >= 0xD800 && cp <= 0xDBFF && i + 3 < raw.size()) {
            const uint32_t low = unit(i + 2);
            if (low >= 0xDC00 && low <= 0xDFFF) {
                cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                i += 2;
            } else {
                cp = 0xFFFD;
            }
        } else if (cp >= 0xD800 && cp <= 0xDFFF) {
            cp = 0xFFFD;
        }
        append_utf8(out, cp);
    }
    return out;
}

std::string absolute_name(const std::string& file_name) {
    if (file_name.empty()) return file_name;
    std::error_code ec;
    fs::path p = fs::absolute(fs::path(file_name), ec);
    if (ec) return file_name;
    return p.lexically_normal().string();
}

// IIS's applicationPath / virtualDirectoryPath rule: starts with '/', no trailing '/' except the
// root, no empty, "." or ".." segment. Returns the problem, or nullopt when valid.
std::optional<std::string> check_virtual_path(std::string_view path) {
    if (path.empty() || path.front() != '/') return std::string("must start with '/'");
    if (path == "/") return std::nullopt;
    if (path.back() == '/') return std::string("must not end with '/'");
    std::size_t start = 1;
    while (start <= path.size()) {
        auto end = path.find('/', start);
        if (end == std::string_view::npos) end = path.size();
        const auto segment = path.substr(start, end - start);
        if (segment.empty()) return std::string("must not contain an empty segment");
        if (segment == "." || segment == "..") {
            return "must not contain a '" + std::string(segment) + "' segment";
        }
        start = end + 1;
    }
    return std::nullopt;
}

std::optional<uint32_t> parse_uint32(std::string_view s) {
    if (s.empty() || s.size() > 10) return std::nullopt;
    uint64_t v = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return std::nullopt;
        v = v * 10 + static_cast<uint64_t>(c - '0');
    }
    if (v > 0xFFFFFFFFULL) return std::nullopt;
    return static_cast<uint32_t>(v);
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

// Canonical spelling of an enum value, matched case-insensitively.
std::optional<std::string> match_enum(std::string_view value,
                                      std::span<const std::string_view> names) {
    for (auto name : names) {
        if (iequals(value, name)) return std::string(name);
    }
    return std::nullopt;
}

std::string join_names(std::span<const std::string_view> names) {
    std::string out;
    std::size_t i = 0;
    for (auto name : names) {
        if (i > 0) out += (i + 1 == names.size()) ? " or " : ", ";
        out += name;
        ++i;
    }
    return out;
}

constexpr std::array<std::string_view, 4> resource_types = {"File", "Directory", "Either",
                                                            "Unspecified"};
constexpr std::array<std::string_view, 5> access_levels = {"None", "Read", "Write", "Script",
                                                           "Execute"};

class loader {
public:
    loader(std::string file, std::string text)
        : file_(std::move(file)), text_(std::move(text)), lines_(text_) {
        dir_ = fs::path(file_).parent_path();
        snap_.file = file_;
    }

    load_result run();

private:
    // --- diagnostics -------------------------------------------------------------------------
    unsigned line_of(const pugi::xml_node& n) const { return lines_.line_at(n.offset_debug()); }
    source_location where(const pugi::xml_node& n) const { return {file_, line_of(n)}; }
    void fail(const pugi::xml_node& n, std::string message) {
        errors_.push_back({file_, line_of(n), std::move(message)});
    }
    void note_unknown(std::string section) {
        if (std::find(snap_.unknown_sections.begin(), snap_.unknown_sections.end(), section) ==
            snap_.unknown_sections.end()) {
            snap_.unknown_sections.push_back(std::move(section));
        }
    }

    // --- attributes --------------------------------------------------------------------------
    static std::optional<std::string> attr(const pugi::xml_node& n, const char* name) {
        const auto a = n.attribute(name);
        if (!a) return std::nullopt;
        return std::string(a.value());
    }
    // A required, non-empty attribute; reports and returns nullopt when it is missing.
    std::optional<std::string> required(const pugi::xml_node& n, const char* name,
                                        std::string_view what) {
        auto v = attr(n, name);
        if (!v) {
            fail(n, std::string(what) + " is missing the required attribute '" + name + "'");
        } else if (v->empty()) {
            fail(n, std::string(what) + ": attribute '" + name + "' must not be empty");
            v.reset();
        }
        return v;
    }
    bool read_bool(const pugi::xml_node& n, const char* name, bool fallback) {
        const auto v = attr(n, name);
        if (!v) return fallback;
        if (iequals(*v, "true")) return true;
        if (iequals(*v, "false")) return false;
        fail(n,
             std::string("attribute '") + name + "' must be true or false, not " + in_quotes(*v));
        return fallback;
    }
    uint32_t read_uint(const pugi::xml_node& n, const char* name, uint32_t fallback) {
        const auto v = attr(n, name);
        if (!v) return fallback;
        if (auto parsed = parse_uint32(*v)) return *parsed;
        fail(n, std::string("attribute '") + name + "' must be an unsigned integer, not " +
                    in_quotes(*v));
        return fallback;
    }

    std::optional<std::string> resolve_path(const pugi::xml_node& n, const char* name,
                                            const std::string& raw);

    // --- generic trees (config/sections.h) ---------------------------------------------------
    element to_element(const pugi::xml_node& node);

    // --- sections ----------------------------------------------------------------------------
    void check_duplicate_attributes(const pugi::xml_node& root);
    void collect(const pugi::xml_node& configuration);
    void read_global_modules(const pugi::xml_node& section);
    void read_sites(const pugi::xml_node& section);
    void read_site(const pugi::xml_node& node, const site_defaults& sd, application_defaults ad,
                   vdir_defaults vd);
    void read_bindings(const pugi::xml_node& node, site& s);
    void read_application(const pugi::xml_node& node, site& s, const application_defaults& ad,
                          vdir_defaults vd);
    void read_virtual_directory(const pugi::xml_node& node, application& app,
                                const vdir_defaults& vd);
    void read_modules(const pugi::xml_node& section, std::vector<directive<module_entry>>& out);
    void read_handlers(const pugi::xml_node& section, std::vector<directive<handler>>& out,
                       std::optional<uint32_t>& access_policy);
    void read_web_server_level(const std::vector<pugi::xml_node>& sections);
    void read_location(const pugi::xml_node& node);
    void check_locations();

    std::string file_;
    fs::path dir_;
    std::string text_;
    detail::line_index lines_;
    snapshot snap_;
    std::vector<error> errors_;

    // Server-level <system.applicationHost> / <system.webServer> elements, in document order,
    // whether at the root or inside <location path="">.
    std::vector<pugi::xml_node> app_host_sections_;
    std::vector<pugi::xml_node> web_server_sections_;
    std::vector<pugi::xml_node> location_nodes_;
};

load_result loader::run() {
    pugi::xml_document doc;
    const auto parsed =
        doc.load_buffer(text_.data(), text_.size(), pugi::parse_default, pugi::encoding_utf8);
    if (!parsed) {
        errors_.push_back({file_, lines_.line_at(parsed.offset),
                           std::string("malformed XML: ") + parsed.description()});
        return {std::nullopt, std::move(errors_)};
    }

    check_duplicate_attributes(doc);

    pugi::xml_node configuration;
    for (const auto& child : doc.children()) {
        if (!is_element(child)) continue;
        if (configuration) {
            fail(child, "only one root element is allowed, found another <" +
                            std::string(child.name()) + ">");
            continue;
        }
        configuration = child;
    }
    if (std::string_view(configuration.name()) != "configuration") {
        fail(configuration, "the root element must be <configuration>, not <" +
                                std::string(configuration.name()) + ">");
    } else {
        collect(configuration);
        for (const auto& web : web_server_sections_) {
            for (const auto& section : web.children("globalModules")) read_global_modules(section);
        }
        for (const auto& app_host : app_host_sections_) {
            for (const auto& section : app_host.children()) {
                if (!is_element(section)) continue;
                if (std::string_view(section.name()) == "sites") {
                    read_sites(section);
                } else {
                    note_unknown("system.applicationHost/" + std::string(section.name()));
                }
            }
        }
        read_web_server_level(web_server_sections_);
        for (const auto& node : location_nodes_) read_location(node);
        check_locations();
    }

    std::stable_sort(errors_.begin(), errors_.end(),
                     [](const error& a, const error& b) { return a.line < b.line; });
    load_result result;
    if (errors_.empty()) result.config = std::move(snap_);
    result.errors = std::move(errors_);
    return result;
}

element loader::to_element(const pugi::xml_node& node) {
    // Real configuration files nest a dozen levels; a limit keeps a hostile file from exhausting
    // the stack here and in the recursive merge and destruction of the tree.
    constexpr unsigned max_depth = 64;
    struct frame {
        pugi::xml_node node;
        element* out;
        unsigned depth;
    };
    element root;
    std::vector<frame> pending{{node, &root, 1}};
    while (!pending.empty()) {
        const frame f = pending.back();
        pending.pop_back();
        f.out->name = f.node.name();
        f.out->where = where(f.node);
        for (auto a = f.node.first_attribute(); a; a = a.next_attribute()) {
            f.out->attributes.push_back({a.name(), a.value()});
        }
        std::size_t count = 0;
        for (const auto& child : f.node.children()) count += is_element(child) ? 1 : 0;
        if (count == 0) continue;
        if (f.depth >= max_depth) {
            fail(f.node, "<" + f.out->name + "> nests elements deeper than " +
                             std::to_string(max_depth) + " levels");
            continue;
        }
        // Sized before any pointer into it is taken, so the pointers stay valid.
        f.out->children.resize(count);
        std::size_t i = 0;
        for (const auto& child : f.node.children()) {
            if (is_element(child)) pending.push_back({child, &f.out->children[i++], f.depth + 1});
        }
    }
    return root;
}

void loader::check_duplicate_attributes(const pugi::xml_node& root) {
    // pugixml keeps repeated attributes; XML forbids them and IIS rejects such a file. An explicit
    // stack keeps a pathologically deep document from exhausting the call stack.
    std::vector<pugi::xml_node> pending{root};
    while (!pending.empty()) {
        const pugi::xml_node n = pending.back();
        pending.pop_back();
        for (auto a = n.first_attribute(); a; a = a.next_attribute()) {
            for (auto b = a.next_attribute(); b; b = b.next_attribute()) {
                if (std::strcmp(a.name(), b.name()) == 0) {
                    fail(n, "duplicate attribute '" + std::string(a.name()) + "' on <" +
                                std::string(n.name()) + ">");
                    break;
                }
            }
        }
        for (const auto& child : n.children()) {
            if (is_element(child)) pending.push_back(child);
        }
    }
}

void loader::collect(const pugi::xml_node& configuration) {
    for (const auto& child : configuration.children()) {
        if (!is_element(child)) continue;
        const std::string_view name = child.name();
        if (name == "configSections") {
            // Declarations, not configuration: only their names matter (the admin API tells a
            // declared but unset section from an unknown one).
            auto declared = declared_sections(to_element(child));
            snap_.declared_sections.insert(snap_.declared_sections.end(), declared.begin(),
                                           declared.end());
            continue;
        }
        if (name != "location") snap_.server_elements.push_back(to_element(child));
        if (name == "system.applicationHost") {
            app_host_sections_.push_back(child);
        } else if (name == "system.webServer") {
            web_server_sections_.push_back(child);
        } else if (name == "location") {
            const std::string_view path = trim(child.attribute("path").value());
            if (!path.empty() && path != ".") {
                location_nodes_.push_back(child);
                continue;
            }
            // <location path="" overrideMode="Allow"> is the server level; IIS Express keeps its
            // <modules> and <handlers> there so that they can be unlocked.
            for (const auto& inner : child.children()) {
                if (!is_element(inner)) continue;
                snap_.server_elements.push_back(to_element(inner));
                const std::string_view inner_name = inner.name();
                if (inner_name == "system.applicationHost") {
                    app_host_sections_.push_back(inner);
                } else if (inner_name == "system.webServer") {
                    web_server_sections_.push_back(inner);
                } else {
                    note_unknown(std::string(inner_name));
                }
            }
        } else {
            note_unknown(std::string(name));
        }
    }
}

std::optional<std::string> loader::resolve_path(const pugi::xml_node& n, const char* name,
                                                const std::string& raw) {
    std::string unknown;
    auto expanded = detail::expand_environment(raw, detail::process_environment, unknown);
    if (!expanded) {
        fail(n, "unknown environment variable %" + unknown + "% in " + name + " " + in_quotes(raw));
        return std::nullopt;
    }
    // Windows-style separators are accepted so that "%LINTEL_ROOT%\www" works as expected.
    std::replace(expanded->begin(), expanded->end(), '\\', '/');
    const std::string& p = *expanded;
    if (p.empty()) {
        fail(n, std::string(name) + " " + in_quotes(raw) + " expands to an empty path");
        return std::nullopt;
    }
    const bool drive = p.size() >= 2 && std::isalpha(static_cast<unsigned char>(p[0])) &&
                       p[1] == ':' && (p.size() == 2 || p[2] == '/');
    if (drive || p.rfind("//", 0) == 0) {
        fail(n, std::string(name) + " " + in_quotes(raw) +
                    " is a Windows drive or UNC path; use a Linux path");
        return std::nullopt;
    }
    fs::path path(p);
    if (path.is_relative()) path = dir_ / path;
    std::string out = path.lexically_normal().string();
    while (out.size() > 1 && out.back() == '/') out.pop_back();
    return out;
}

void loader::read_global_modules(const pugi::xml_node& section) {
    auto& list = snap_.global_modules;
    auto find = [&](const std::string& name) {
        return std::find_if(list.begin(), list.end(),
                            [&](const global_module& m) { return m.name == name; });
    };
    for (const auto& child : section.children()) {
        if (!is_element(child)) continue;
        const std::string_view kind = child.name();
        if (kind == "add") {
            auto name = required(child, "name", "<globalModules> <add>");
            if (!name) continue;
            if (auto it = find(*name); it != list.end()) {
                fail(child, "duplicate global module " + in_quotes(*name) +
                                " (already added at line " + std::to_string(it->where.line) + ")");
                continue;
            }
            // A module whose image is wrong is still listed, so that <modules> naming it does not
            // report a second, misleading error; the load fails anyway.
            std::string image = attr(child, "image").value_or("");
            if (image.empty()) {
                fail(child, "global module " + in_quotes(*name) + " has no image");
            } else if (auto resolved = resolve_path(child, "image", image)) {
                image = std::move(*resolved);
            }
            list.push_back(
                {*name, std::move(image), attr(child, "preCondition").value_or(""), where(child)});
        } else if (kind == "remove") {
            auto name = required(child, "name", "<globalModules> <remove>");
            if (!name) continue;
            if (auto it = find(*name); it != list.end()) {
                list.erase(it);
            } else {
                fail(child, "<remove name=\"" + *name +
                                "\"> in <globalModules>: no global "
                                "module named " +
                                in_quotes(*name) + " is configured here");
            }
        } else if (kind == "clear") {
            list.clear();
        } else {
            fail(child, "unrecognized element <" + std::string(kind) + "> in <globalModules>");
        }
    }
}

void loader::read_sites(const pugi::xml_node& section) {
    // The defaults elements apply to every site whatever their position (IIS Express writes them
    // after the sites), so read them first.
    site_defaults sd;
    application_defaults ad;
    vdir_defaults vd;
    for (const auto& child : section.children()) {
        if (!is_element(child)) continue;
        const std::string_view kind = child.name();
        if (kind == "siteDefaults") {
            sd.server_auto_start = read_bool(child, "serverAutoStart", sd.server_auto_start);
        } else if (kind == "applicationDefaults") {
            if (auto v = attr(child, "applicationPool"); v && !v->empty()) ad.application_pool = v;
            if (auto v = attr(child, "enabledProtocols"); v && !v->empty()) {
                ad.enabled_protocols = v;
            }
        } else if (kind == "virtualDirectoryDefaults") {
            if (auto v = attr(child, "physicalPath"); v && !v->empty()) vd.physical_path = v;
        }
    }
    for (const auto& child : section.children()) {
        if (!is_element(child)) continue;
        const std::string_view kind = child.name();
        if (kind == "site") {
            read_site(child, sd, ad, vd);
        } else if (kind != "siteDefaults" && kind != "applicationDefaults" &&
                   kind != "virtualDirectoryDefaults") {
            fail(child, "unrecognized element <" + std::string(kind) + "> in <sites>");
        }
    }
}

void loader::read_site(const pugi::xml_node& node, const site_defaults& sd, application_defaults ad,
                       vdir_defaults vd) {
    site s;
    s.where = where(node);
    auto name = required(node, "name", "<site>");
    if (name) {
        if (name->find_first_of("/?") != std::string::npos) {
            fail(node, "site name " + in_quotes(*name) + " must not contain '/' or '?'");
        }
        s.name = *name;
    }
    const std::string what = name ? "site " + in_quotes(*name) : std::string("<site>");
    bool id_ok = false;
    if (auto id = required(node, "id", what)) {
        auto parsed = parse_uint32(*id);
        if (!parsed || *parsed == 0) {
            fail(node, what + ": id " + in_quotes(*id) + " is not a valid site id (1-4294967295)");
        } else {
            s.id = *parsed;
            id_ok = true;
        }
    }
    s.server_auto_start = read_bool(node, "serverAutoStart", sd.server_auto_start);

    for (const auto& other : snap_.sites) {
        if (id_ok && other.id == s.id) {
            fail(node, "duplicate site id " + std::to_string(s.id) + " (already used by site " +
                           in_quotes(other.name) + " at line " + std::to_string(other.where.line) +
                           ")");
        }
        if (name && iequals(other.name, s.name)) {
            fail(node, "duplicate site name " + in_quotes(s.name) + " (already defined at line " +
                           std::to_string(other.where.line) + ")");
        }
    }

    // Site-level defaults override the <sites>-level ones.
    for (const auto& child : node.children("applicationDefaults")) {
        if (auto v = attr(child, "applicationPool"); v && !v->empty()) ad.application_pool = v;
        if (auto v = attr(child, "enabledProtocols"); v && !v->empty()) ad.enabled_protocols = v;
    }
    for (const auto& child : node.children("virtualDirectoryDefaults")) {
        if (auto v = attr(child, "physicalPath"); v && !v->empty()) vd.physical_path = v;
    }

    for (const auto& child : node.children()) {
        if (!is_element(child)) continue;
        const std::string_view kind = child.name();
        if (kind == "bindings") {
            read_bindings(child, s);
        } else if (kind == "application") {
            read_application(child, s, ad, vd);
        }
        // limits, logFile, traceFailedRequestsLogging, ftpServer, hsts ... are not used yet.
    }

    const bool has_root = std::any_of(s.applications.begin(), s.applications.end(),
                                      [](const application& a) { return a.path == "/"; });
    if (!has_root) fail(node, what + " has no root application '/'");
    snap_.sites.push_back(std::move(s));
}

void loader::read_bindings(const pugi::xml_node& node, site& s) {
    for (const auto& child : node.children()) {
        if (!is_element(child)) continue;
        const std::string_view kind = child.name();
        if (kind == "clear") {
            s.bindings.clear();
            continue;
        }
        if (kind != "binding") {
            fail(child, "unrecognized element <" + std::string(kind) + "> in <bindings>");
            continue;
        }
        auto protocol = required(child, "protocol", "<binding>");
        auto info = required(child, "bindingInformation", "<binding>");
        const uint32_t ssl_flags = read_uint(child, "sslFlags", 0);
        if (!protocol || !info) continue;

        binding b;
        b.protocol = detail::to_lower(*protocol);
        b.information = *info;
        b.ssl_flags = ssl_flags;
        b.where = where(child);
        // Other protocols (net.tcp "808:*", net.pipe "*" ...) have their own formats; they are
        // kept as written for tools but never listened on.
        if (b.protocol == "http" || b.protocol == "https") {
            auto parsed = detail::parse_binding_information(*info);
            if (auto* problem = std::get_if<std::string>(&parsed)) {
                fail(child, "binding " + b.protocol + " " + in_quotes(*info) +
                                ": invalid bindingInformation: " + *problem);
                continue;
            }
            auto& parts = std::get<detail::binding_parts>(parsed);
            b.address = std::move(parts.address);
            b.port = parts.port;
            b.host_name = std::move(parts.host_name);
        }
        const auto dup = std::find_if(s.bindings.begin(), s.bindings.end(), [&](const binding& o) {
            return o.protocol == b.protocol && iequals(o.information, b.information);
        });
        if (dup != s.bindings.end()) {
            fail(child, "duplicate binding " + b.protocol + " " + in_quotes(*info) +
                            " (already defined at line " + std::to_string(dup->where.line) + ")");
            continue;
        }
        s.bindings.push_back(std::move(b));
    }
}

void loader::read_application(const pugi::xml_node& node, site& s, const application_defaults& ad,
                              vdir_defaults vd) {
    application app;
    app.where = where(node);
    auto path = required(node, "path", "<application> of site " + in_quotes(s.name));
    if (!path) return;
    if (auto problem = check_virtual_path(*path)) {
        fail(node, "application path " + in_quotes(*path) + " " + *problem);
        return;
    }
    app.path = *path;
    const std::string what = "application " + in_quotes(app.path) + " of site " + in_quotes(s.name);

    if (auto v = attr(node, "applicationPool"); v && !v->empty()) {
        app.application_pool = *v;
    } else {
        app.application_pool = ad.application_pool.value_or(std::string(default_application_pool));
    }
    if (auto v = attr(node, "enabledProtocols"); v && !v->empty()) {
        app.enabled_protocols = *v;
    } else if (ad.enabled_protocols) {
        app.enabled_protocols = *ad.enabled_protocols;
    }

    for (const auto& other : s.applications) {
        if (iequals(other.path, app.path)) {
            fail(node, "duplicate " + what + " (already defined at line " +
                           std::to_string(other.where.line) + ")");
            return;
        }
    }

    for (const auto& child : node.children("virtualDirectoryDefaults")) {
        if (auto v = attr(child, "physicalPath"); v && !v->empty()) vd.physical_path = v;
    }
    for (const auto& child : node.children()) {
        if (!is_element(child)) continue;
        const std::string_view kind = child.name();
        if (kind == "virtualDirectory") {
            read_virtual_directory(child, app, vd);
        } else if (kind != "virtualDirectoryDefaults") {
            fail(child, "unrecognized element <" + std::string(kind) + "> in <application>");
        }
    }
    const bool has_root =
        std::any_of(app.virtual_directories.begin(), app.virtual_directories.end(),
                    [](const virtual_directory& v) { return v.path == "/"; });
    if (!has_root) fail(node, what + " has no root virtualDirectory '/'");
    s.applications.push_back(std::move(app));
}

void loader::read_virtual_directory(const pugi::xml_node& node, application& app,
                                    const vdir_defaults& vd) {
    auto path = required(node, "path", "<virtualDirectory> of application " + in_quotes(app.path));
    if (!path) return;
    if (auto problem = check_virtual_path(*path)) {
        fail(node, "virtualDirectory path " + in_quotes(*path) + " " + *problem);
        return;
    }
    const std::string what =
        "virtualDirectory " + in_quotes(*path) + " of application " + in_quotes(app.path);
    for (const auto& other : app.virtual_directories) {
        if (iequals(other.path, *path)) {
            fail(node, "duplicate " + what + " (already defined at line " +
                           std::to_string(other.where.line) + ")");
            return;
        }
    }
    // Kept even when the physical path is wrong, so that the application does not also report a
    // missing root virtual directory; the load fails anyway.
    std::string physical = attr(node, "physicalPath").value_or("");
    if (physical.empty()) physical = vd.physical_path.value_or("");
    if (physical.empty()) {
        fail(node, what + " has no physicalPath");
    } else if (auto resolved = resolve_path(node, "physicalPath", physical)) {
        physical = std::move(*resolved);
    }
    app.virtual_directories.push_back({*path, std::move(physical), where(node)});
}

void loader::read_modules(const pugi::xml_node& section,
                          std::vector<directive<module_entry>>& out) {
    for (const auto& child : section.children()) {
        if (!is_element(child)) continue;
        const std::string_view kind = child.name();
        directive<module_entry> d;
        d.where = where(child);
        if (kind == "add") {
            auto name = required(child, "name", "<modules> <add>");
            const bool lock_item = read_bool(child, "lockItem", false);
            if (!name) continue;
            // Rejected entries stay in the collection so that a later <remove> of them does not
            // report a second error; the load fails anyway.
            const std::string type = attr(child, "type").value_or("");
            if (!type.empty()) {
                fail(child, "managed module " + *name + " (type=" + type + ") is not supported");
            } else if (std::none_of(snap_.global_modules.begin(), snap_.global_modules.end(),
                                    [&](const global_module& g) { return g.name == *name; })) {
                fail(child, "module " + in_quotes(*name) +
                                " is not in <globalModules> (a native "
                                "module must be registered there with its image)");
            }
            d.kind = directive_kind::add;
            d.entry.name = *name;
            d.entry.type = type;
            d.entry.pre_condition = attr(child, "preCondition").value_or("");
            d.entry.lock_item = lock_item;
            d.entry.where = d.where;
        } else if (kind == "remove") {
            auto name = required(child, "name", "<modules> <remove>");
            if (!name) continue;
            d.kind = directive_kind::remove;
            d.name = *name;
        } else if (kind == "clear") {
            d.kind = directive_kind::clear;
        } else {
            fail(child, "unrecognized element <" + std::string(kind) + "> in <modules>");
            continue;
        }
        out.push_back(std::move(d));
    }
}

void loader::read_handlers(const pugi::xml_node& section, std::vector<directive<handler>>& out,
                           std::optional<uint32_t>& access_policy) {
    if (auto policy = attr(section, "accessPolicy")) {
        // A flags attribute: "Read, Script", or the numeric value.
        static constexpr std::pair<std::string_view, uint32_t> flags[] = {
            {"None", access_none},
            {"Read", access_read},
            {"Write", access_write},
            {"Execute", access_execute},
            {"Source", access_source},
            {"Script", access_script},
            {"NoRemoteWrite", access_no_remote_write},
            {"NoRemoteRead", access_no_remote_read},
            {"NoRemoteExecute", access_no_remote_execute},
            {"NoRemoteScript", access_no_remote_script},
        };
        uint32_t value = 0;
        bool ok = true;
        if (auto numeric = parse_uint32(trim(*policy))) {
            value = *numeric;
        } else {
            std::string_view rest = *policy;
            while (ok) {
                const auto comma = rest.find(',');
                const auto token = trim(rest.substr(0, comma));
                const auto it =
                    std::find_if(std::begin(flags), std::end(flags),
                                 [&](const auto& f) { return iequals(f.first, token); });
                if (it == std::end(flags)) {
                    fail(section, "<handlers> accessPolicy " + in_quotes(*policy) +
                                      ": unknown flag " + in_quotes(token));
                    ok = false;
                } else {
                    value |= it->second;
                }
                if (comma == std::string_view::npos) break;
                rest.remove_prefix(comma + 1);
            }
        }
        if (ok) access_policy = value;
    }

    for (const auto& child : section.children()) {
        if (!is_element(child)) continue;
        const std::string_view kind = child.name();
        directive<handler> d;
        d.where = where(child);
        if (kind == "add") {
            std::string missing;
            for (const char* a : {"name", "path", "verb"}) {
                const auto v = attr(child, a);
                if (!v || v->empty()) missing += std::string(missing.empty() ? "" : ", ") + a;
            }
            auto& h = d.entry;
            h.name = attr(child, "name").value_or("");
            if (!missing.empty()) {
                fail(child, (h.name.empty() ? std::string("<handlers> <add>")
                                            : "handler " + in_quotes(h.name)) +
                                " is missing the required attribute(s) " + missing);
            }
            h.path = attr(child, "path").value_or("");
            h.verb = attr(child, "verb").value_or("");
            h.type = attr(child, "type").value_or("");
            if (auto v = attr(child, "modules")) h.modules = *v;
            h.script_processor = attr(child, "scriptProcessor").value_or("");
            h.pre_condition = attr(child, "preCondition").value_or("");
            const std::string label = "handler " + in_quotes(h.name.empty() ? "?" : h.name);
            if (auto v = attr(child, "resourceType")) {
                if (auto canonical = match_enum(*v, resource_types)) {
                    h.resource_type = *canonical;
                } else {
                    fail(child, label + ": unknown resourceType " + in_quotes(*v) + " (expected " +
                                    join_names(resource_types) + ")");
                }
            }
            if (auto v = attr(child, "requireAccess")) {
                if (auto canonical = match_enum(*v, access_levels)) {
                    h.require_access = *canonical;
                } else {
                    fail(child, label + ": unknown requireAccess " + in_quotes(*v) + " (expected " +
                                    join_names(access_levels) + ")");
                }
            }
            h.allow_path_info = read_bool(child, "allowPathInfo", false);
            h.response_buffer_limit = read_uint(child, "responseBufferLimit", 4194304);
            h.where = d.where;
            if (h.name.empty()) continue;  // nothing to key it by
            d.kind = directive_kind::add;
        } else if (kind == "remove") {
            auto name = required(child, "name", "<handlers> <remove>");
            if (!name) continue;
            d.kind = directive_kind::remove;
            d.name = *name;
        } else if (kind == "clear") {
            d.kind = directive_kind::clear;
        } else {
            fail(child, "unrecognized element <" + std::string(kind) + "> in <handlers>");
            continue;
        }
        out.push_back(std::move(d));
    }
}

void loader::read_web_server_level(const std::vector<pugi::xml_node>& sections) {
    // Every server-level <system.webServer> (the root one and those in <location path="">) is one
    // configuration level: their directives run in document order from an empty collection.
    std::vector<directive<module_entry>> module_ops;
    std::vector<directive<handler>> handler_ops;
    for (const auto& web : sections) {
        for (const auto& section : web.children()) {
            if (!is_element(section)) continue;
            const std::string_view name = section.name();
            if (name == "modules") {
                read_modules(section, module_ops);
            } else if (name == "handlers") {
                read_handlers(section, handler_ops, snap_.root_web.handlers_access_policy);
            } else if (name != "globalModules") {
                note_unknown("system.webServer/" + std::string(name));
            }
        }
    }
    auto report = [this](const auto& d, std::string message) {
        errors_.push_back({file_, d.where.line, std::move(message)});
    };
    snap_.root_web.modules =
        detail::apply_level<module_entry>({}, module_ops, true, "module", "modules", report);
    snap_.root_web.handlers =
        detail::apply_level<handler>({}, handler_ops, false, "handler", "handlers", report);
}

void loader::read_location(const pugi::xml_node& node) {
    location loc;
    loc.where = where(node);
    loc.path = node.attribute("path").value();
    std::string_view path = trim(loc.path);
    while (!path.empty() && path.back() == '/') path.remove_suffix(1);
    if (path.empty() || path.front() == '/') {
        fail(node, "<location> path " + in_quotes(loc.path) +
                       " must start with a site name, e.g. \"Default Web Site/app\"");
        return;
    }
    const auto slash = path.find('/');
    loc.site_name = std::string(path.substr(0, slash));
    loc.url_path = slash == std::string_view::npos ? "/" : std::string(path.substr(slash));
    loc.inherit_in_child_applications = read_bool(node, "inheritInChildApplications", true);

    for (const auto& child : node.children()) {
        if (!is_element(child)) continue;
        loc.elements.push_back(to_element(child));
        const std::string_view name = child.name();
        if (name == "system.applicationHost") {
            fail(child,
                 "<system.applicationHost> can only be configured at server level, not in "
                 "<location path=\"" +
                     loc.path + "\">");
        } else if (name == "system.webServer") {
            for (const auto& section : child.children()) {
                if (!is_element(section)) continue;
                const std::string_view section_name = section.name();
                if (section_name == "modules") {
                    read_modules(section, loc.module_directives);
                } else if (section_name == "handlers") {
                    read_handlers(section, loc.handler_directives, loc.web.handlers_access_policy);
                } else if (section_name == "globalModules") {
                    fail(section,
                         "<globalModules> can only be configured at server level, not in "
                         "<location path=\"" +
                             loc.path + "\">");
                } else {
                    note_unknown("system.webServer/" + std::string(section_name));
                }
            }
        } else {
            note_unknown(std::string(name));
        }
    }
    // Errors of this block's own directives are reported by check_locations(), against what it
    // inherits; its own view ignores them.
    auto quiet = [](const auto&, const std::string&) {};
    loc.web.modules = detail::apply_level<module_entry>({}, loc.module_directives, true, "module",
                                                        "modules", quiet);
    loc.web.handlers = detail::apply_level<handler>({}, loc.handler_directives, false, "handler",
                                                    "handlers", quiet);
    snap_.locations.push_back(std::move(loc));
}

void loader::check_locations() {
    auto quiet = [](const auto&, const std::string&) {};
    auto report = [this](const auto& d, std::string message) {
        errors_.push_back({file_, d.where.line, std::move(message)});
    };
    for (std::size_t i = 0; i < snap_.locations.size(); ++i) {
        const auto& loc = snap_.locations[i];
        std::vector<module_entry> modules = snap_.root_web.modules;
        std::vector<handler> handlers = snap_.root_web.handlers;
        for (std::size_t j : detail::applicable_locations(snap_, loc.site_name, loc.url_path, i)) {
            const auto& parent = snap_.locations[j];
            modules = detail::apply_level(modules, parent.module_directives, true, "module",
                                          "modules", quiet);
            handlers = detail::apply_level(handlers, parent.handler_directives, false, "handler",
                                           "handlers", quiet);
        }
        detail::apply_level(modules, loc.module_directives, true, "module", "modules", report);
        detail::apply_level(handlers, loc.handler_directives, false, "handler", "handlers", report);
    }
}

}  // namespace

load_result load_application_host_text(std::string_view xml, const std::string& file_name) {
    loader l(absolute_name(file_name), to_utf8(xml));
    return l.run();
}

load_result load_application_host(const std::string& path) {
    const std::string file = absolute_name(path);
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        const int err = errno;
        return {
            std::nullopt,
            {{file, 0, std::string("cannot read the configuration file: ") + std::strerror(err)}}};
    }
    std::ostringstream buffer;
    buffer << in.rdbuf();
    if (in.bad()) {
        return {std::nullopt, {{file, 0, "cannot read the configuration file"}}};
    }
    loader l(file, to_utf8(buffer.str()));
    return l.run();
}

}  // namespace lintel::config
