// Merging of the generic element trees into the effective section at a configuration path (the
// rules are at the top of sections.h).
#include "config/sections.h"

#include "config/detail.h"

#include <algorithm>
#include <array>
#include <utility>

namespace lintel::config {

namespace {

using detail::iequals;

// Collections of system.applicationHost whose entries are not spelled <add>: parent, entry.
// Without a schema, these are the collections whose entries are not <add>: IIS's schema names them.
constexpr std::array<std::pair<std::string_view, std::string_view>, 9> named_entries = {{
    {"staticContent", "mimeMap"},
    {"httpErrors", "error"},
    {"httpCompression", "scheme"},
    {"fastCgi", "application"},
    {"filteringRules", "filteringRule"},
    {"sites", "site"},
    {"bindings", "binding"},
    {"site", "application"},
    {"application", "virtualDirectory"},
}};

// Sections the typed loader reads; they are known even when the file does not set them.
constexpr std::array<std::string_view, 4> built_in_sections = {
    "system.applicationHost/sites",
    "system.webServer/globalModules",
    "system.webServer/modules",
    "system.webServer/handlers",
};

bool is_entry(std::string_view parent, std::string_view child) {
    if (child == "add") return true;
    return std::any_of(named_entries.begin(), named_entries.end(),
                       [&](const auto& e) { return e.first == parent && e.second == child; });
}

const std::string* value_of(const std::vector<attribute>& attributes, std::string_view name) {
    for (const auto& a : attributes) {
        if (a.name == name) return &a.value;
    }
    return nullptr;
}

std::string key_of(std::string_view entry_name, const std::vector<attribute>& attributes) {
    if (entry_name == "binding") {
        // Two bindings of one protocol differ by their information only.
        const std::string* protocol = value_of(attributes, "protocol");
        const std::string* information = value_of(attributes, "bindingInformation");
        return (protocol ? *protocol : std::string()) + " " +
               (information ? *information : std::string());
    }
    if (entry_name == "application" || entry_name == "virtualDirectory") {
        if (const std::string* path = value_of(attributes, "path")) return *path;
    }
    if (const std::string* name = value_of(attributes, "name")) return *name;
    return attributes.empty() ? std::string() : attributes.front().value;
}

void set_attribute(std::vector<attribute>& attributes, const attribute& value) {
    for (auto& a : attributes) {
        if (a.name == value.name) {
            a.value = value.value;
            return;
        }
    }
    attributes.push_back(value);
}

void merge_into(merged_element& target, const element& source);

merged_element from_element(const element& source) {
    merged_element out;
    out.name = source.name;
    merge_into(out, source);
    return out;
}

void merge_into(merged_element& target, const element& source) {
    target.where = source.where;
    for (const auto& a : source.attributes) set_attribute(target.attributes, a);
    for (const auto& child : source.children) {
        if (child.name == "clear") {
            target.collection.clear();
        } else if (child.name == "remove") {
            const std::string key = key_of(child.name, child.attributes);
            std::erase_if(target.collection, [&](const merged_element& entry) {
                return collection_key(entry) == key;
            });
        } else if (is_entry(source.name, child.name)) {
            merged_element entry = from_element(child);
            const std::string key = collection_key(entry);
            auto same = std::find_if(
                target.collection.begin(), target.collection.end(),
                [&](const merged_element& existing) { return collection_key(existing) == key; });
            if (same != target.collection.end()) {
                *same = std::move(entry);
            } else {
                target.collection.push_back(std::move(entry));
            }
        } else {
            auto same = std::find_if(target.children.begin(), target.children.end(),
                                     [&](const merged_element& c) { return c.name == child.name; });
            if (same != target.children.end()) {
                merge_into(*same, child);
            } else {
                target.children.push_back(from_element(child));
            }
        }
    }
}

std::vector<std::string_view> split(std::string_view text) {
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    while (true) {
        const auto slash = text.find('/', start);
        parts.push_back(
            text.substr(start, slash == std::string_view::npos ? text.npos : slash - start));
        if (slash == std::string_view::npos) break;
        start = slash + 1;
    }
    return parts;
}

// Every element at path (one name per level) below roots, in document order.
std::vector<const element*> find_all(const std::vector<element>& roots,
                                     const std::vector<std::string_view>& path) {
    std::vector<const element*> current;
    for (const auto& root : roots) {
        if (root.name == path.front()) current.push_back(&root);
    }
    for (std::size_t i = 1; i < path.size() && !current.empty(); ++i) {
        std::vector<const element*> next;
        for (const element* e : current) {
            for (const auto& child : e->children) {
                if (child.name == path[i]) next.push_back(&child);
            }
        }
        current = std::move(next);
    }
    return current;
}

bool set_anywhere(const snapshot& config, const std::vector<std::string_view>& path) {
    if (!find_all(config.server_elements, path).empty()) return true;
    return std::any_of(config.locations.begin(), config.locations.end(),
                       [&](const location& l) { return !find_all(l.elements, path).empty(); });
}

section_lookup failure(section_status status, std::string message) {
    section_lookup out;
    out.status = status;
    out.message = std::move(message);
    return out;
}

}  // namespace

const attribute* merged_element::find_attribute(std::string_view attribute_name) const {
    for (const auto& a : attributes) {
        if (a.name == attribute_name) return &a;
    }
    return nullptr;
}

const merged_element* merged_element::find_child(std::string_view child_name) const {
    for (const auto& c : children) {
        if (c.name == child_name) return &c;
    }
    return nullptr;
}

const merged_element* merged_element::find_entry(std::string_view key) const {
    for (const auto& e : collection) {
        if (collection_key(e) == key) return &e;
    }
    return nullptr;
}

std::string collection_key(const merged_element& entry) {
    return key_of(entry.name, entry.attributes);
}

std::vector<std::string> declared_sections(const element& config_sections) {
    std::vector<std::string> out;
    // (element, prefix) pairs; sectionGroups nest, so walk them with an explicit list.
    std::vector<std::pair<const element*, std::string>> pending{{&config_sections, ""}};
    while (!pending.empty()) {
        auto [group, prefix] = pending.back();
        pending.pop_back();
        for (const auto& child : group->children) {
            const std::string* name = value_of(child.attributes, "name");
            if (name == nullptr || name->empty()) continue;
            if (child.name == "section") {
                out.push_back(prefix + *name);
            } else if (child.name == "sectionGroup") {
                pending.emplace_back(&child, prefix + *name + "/");
            }
        }
    }
    return out;
}

section_lookup section_for(const snapshot& config, std::string_view section_path,
                           std::string_view config_path) {
    const std::vector<std::string_view> section = split(section_path);
    if (std::any_of(section.begin(), section.end(), [](auto s) { return s.empty(); })) {
        return failure(section_status::unknown_section,
                       "'" + std::string(section_path) + "' is not a section name");
    }

    // MACHINE/WEBROOT/APPHOST[/Site[/url/path]]
    std::string_view trimmed = config_path;
    while (!trimmed.empty() && trimmed.back() == '/') trimmed.remove_suffix(1);
    const std::vector<std::string_view> path = split(trimmed);
    const std::string quoted = "'" + std::string(config_path) + "'";
    static constexpr std::array<std::string_view, 3> root = {"MACHINE", "WEBROOT", "APPHOST"};
    for (std::size_t i = 0; i < root.size(); ++i) {
        if (i < path.size() && iequals(path[i], root[i])) continue;
        if (i > 0 && i == path.size()) {
            return failure(section_status::path_not_found,
                           "configuration path " + quoted +
                               " is above applicationHost.config, which is all Lintel reads");
        }
        return failure(
            section_status::invalid_path,
            "configuration path " + quoted + " does not start with MACHINE/WEBROOT/APPHOST");
    }
    if (std::any_of(path.begin(), path.end(), [](auto s) { return s.empty(); })) {
        return failure(section_status::invalid_path,
                       "configuration path " + quoted + " has an empty segment");
    }
    const site* target_site = nullptr;
    std::string url_path = "/";
    if (path.size() > root.size()) {
        target_site = find_site(config, path[root.size()]);
        if (target_site == nullptr) {
            return failure(section_status::path_not_found,
                           "configuration path " + quoted + ": no site named '" +
                               std::string(path[root.size()]) + "'");
        }
        for (std::size_t i = root.size() + 1; i < path.size(); ++i) {
            if (i > root.size() + 1) url_path += '/';
            url_path += path[i];
        }
    }

    std::vector<const element*> levels = find_all(config.server_elements, section);
    if (target_site != nullptr) {
        for (std::size_t i : detail::applicable_locations(config, target_site->name, url_path)) {
            auto found = find_all(config.locations[i].elements, section);
            levels.insert(levels.end(), found.begin(), found.end());
        }
    }
    if (levels.empty()) {
        const bool declared =
            std::find(config.declared_sections.begin(), config.declared_sections.end(),
                      section_path) != config.declared_sections.end() ||
            std::find(built_in_sections.begin(), built_in_sections.end(), section_path) !=
                built_in_sections.end();
        if (!declared && !set_anywhere(config, section)) {
            return failure(section_status::unknown_section,
                           "section '" + std::string(section_path) +
                               "' is neither declared in <configSections> nor set in " +
                               config.file);
        }
    }

    section_lookup out;
    out.element.name = std::string(section.back());
    for (const element* level : levels) merge_into(out.element, *level);
    return out;
}

}  // namespace lintel::config
