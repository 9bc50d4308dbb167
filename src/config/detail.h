// Internals of the configuration loader, shared by its translation units and its unit tests.
#pragma once

#include "config/config.h"

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace lintel::config::detail {

// Maps byte offsets of a text to 1-based line numbers with one binary search per lookup.
class line_index {
public:
    explicit line_index(std::string_view text);
    unsigned line_at(std::ptrdiff_t offset) const;  // 0 for a negative offset

private:
    std::vector<std::size_t> newlines_;
};

bool iequals(std::string_view a, std::string_view b);
std::string to_lower(std::string_view s);

// True when path equals prefix or lies below it ("/app" contains "/app/x" but not "/apple").
// "/" contains every path. Case-insensitive, as IIS compares URL paths.
bool path_contains(std::string_view prefix, std::string_view path);

struct binding_parts {
    std::string address;  // "*" or an IP literal without brackets
    uint16_t port = 0;
    std::string host_name;
};

// Parses an http/https bindingInformation "IP:PORT:HOST". Returns the parts or a message.
std::variant<binding_parts, std::string> parse_binding_information(std::string_view info);

using env_lookup = std::function<std::optional<std::string>(std::string_view name)>;

// Environment lookup with the exact name first, then ignoring case (Windows names are
// case-insensitive, so "%windir%" and "%WINDIR%" are the same variable).
std::optional<std::string> process_environment(std::string_view name);

// Windows-style %NAME% expansion. A '%' without a closing '%' and "%%" stay literal. Returns the
// expanded text, or nullopt with unknown set to the first variable that is not defined.
std::optional<std::string> expand_environment(std::string_view text, const env_lookup& lookup,
                                              std::string& unknown);

// Applies one configuration level's <add>/<remove>/<clear> directives on top of the inherited
// entries. merge_append: entries added here follow the inherited ones (IIS's default); false puts
// them first (handlers). report(directive, message) is called for duplicate adds and removes of
// missing entries; the offending directive is then ignored. Entries are keyed by name,
// case-sensitively (the schema marks these keys caseSensitive).
template <typename T, typename Report>
std::vector<T> apply_level(const std::vector<T>& inherited, const std::vector<directive<T>>& ops,
                           bool merge_append, std::string_view noun, std::string_view section,
                           Report&& report) {
    std::vector<T> parent = inherited;
    std::vector<T> local;
    auto find_in = [](std::vector<T>& v, const std::string& name) ->
        typename std::vector<T>::iterator {
            for (auto it = v.begin(); it != v.end(); ++it) {
                if (it->name == name) return it;
            }
            return v.end();
        };
    for (const auto& op : ops) {
        switch (op.kind) {
            case directive_kind::clear:
                parent.clear();
                local.clear();
                break;
            case directive_kind::remove: {
                if (auto it = find_in(parent, op.name); it != parent.end()) {
                    parent.erase(it);
                } else if (auto jt = find_in(local, op.name); jt != local.end()) {
                    local.erase(jt);
                } else {
                    report(op, "<remove name=\"" + op.name + "\"> in <" + std::string(section) +
                                   ">: no " + std::string(noun) + " named '" + op.name +
                                   "' is configured here");
                }
                break;
            }
            case directive_kind::add: {
                auto it = find_in(parent, op.entry.name);
                const T* existing = it != parent.end() ? &*it : nullptr;
                if (existing == nullptr) {
                    auto jt = find_in(local, op.entry.name);
                    existing = jt != local.end() ? &*jt : nullptr;
                }
                if (existing != nullptr) {
                    std::string msg = "duplicate " + std::string(noun) + " '" + op.entry.name +
                                      "' in <" + std::string(section) + ">";
                    if (existing->where.line != 0) {
                        msg +=
                            " (already added at line " + std::to_string(existing->where.line) + ")";
                    }
                    report(op, std::move(msg));
                    break;
                }
                local.push_back(op.entry);
                break;
            }
        }
    }
    if (merge_append) {
        parent.insert(parent.end(), local.begin(), local.end());
        return parent;
    }
    local.insert(local.end(), parent.begin(), parent.end());
    return local;
}

// Indices into config.locations that apply to (site_name, url_path), least specific first
// (fewest path segments, then document order). When before is set, only locations that sort
// before config.locations[*before] are considered - what that location inherits.
std::vector<std::size_t> applicable_locations(const snapshot& config, std::string_view site_name,
                                              std::string_view url_path,
                                              std::optional<std::size_t> before = std::nullopt);

}  // namespace lintel::config::detail
