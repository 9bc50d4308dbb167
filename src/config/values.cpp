// Value-level helpers of the configuration loader: line numbers, case-insensitive comparison,
// bindingInformation and %VAR% expansion.
#include "config/detail.h"

#include <algorithm>
#include <arpa/inet.h>
#include <cctype>
#include <cstdlib>
#include <cstring>

extern char** environ;

namespace lintel::config::detail {

line_index::line_index(std::string_view text) {
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\n') newlines_.push_back(i);
    }
}

unsigned line_index::line_at(std::ptrdiff_t offset) const {
    if (offset < 0) return 0;
    // The line of an offset is one more than the number of newlines strictly before it.
    auto it =
        std::lower_bound(newlines_.begin(), newlines_.end(), static_cast<std::size_t>(offset));
    return static_cast<unsigned>(it - newlines_.begin()) + 1;
}

namespace {

char lower_ascii(char c) {
    return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

bool all_digits(std::string_view s) {
    return !s.empty() &&
           std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool is_ipv4(const std::string& s) {
    in_addr a{};
    return inet_pton(AF_INET, s.c_str(), &a) == 1;
}

bool is_ipv6(const std::string& s) {
    in6_addr a{};
    return inet_pton(AF_INET6, s.c_str(), &a) == 1;
}

}  // namespace

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (lower_ascii(a[i]) != lower_ascii(b[i])) return false;
    }
    return true;
}

std::string to_lower(std::string_view s) {
    std::string out(s);
    for (auto& c : out) c = lower_ascii(c);
    return out;
}

bool path_contains(std::string_view prefix, std::string_view path) {
    while (prefix.size() > 1 && prefix.back() == '/') prefix.remove_suffix(1);
    if (prefix.empty() || prefix == "/") return true;
    if (path.size() < prefix.size()) return false;
    if (!iequals(path.substr(0, prefix.size()), prefix)) return false;
    return path.size() == prefix.size() || path[prefix.size()] == '/';
}

std::variant<binding_parts, std::string> parse_binding_information(std::string_view info) {
    // The host name cannot contain ':' and the port is digits, so splitting at the last two colons
    // also copes with an IPv6 address written without brackets.
    const auto last = info.rfind(':');
    if (last == std::string_view::npos || last == 0) {
        return std::string("expected IP:PORT:HOST");
    }
    const auto second = info.rfind(':', last - 1);
    if (second == std::string_view::npos) return std::string("expected IP:PORT:HOST");

    binding_parts parts;
    std::string address(info.substr(0, second));
    const std::string_view port = info.substr(second + 1, last - second - 1);
    std::string host(info.substr(last + 1));

    // IIS Express writes ":8080:localhost" for "all addresses".
    if (address.empty() || address == "*") {
        parts.address = "*";
    } else if (address.front() == '[') {
        if (address.size() < 3 || address.back() != ']') {
            return "invalid IPv6 address '" + address + "'";
        }
        std::string inner = address.substr(1, address.size() - 2);
        if (!is_ipv6(inner)) return "invalid IPv6 address '" + address + "'";
        parts.address = std::move(inner);
    } else if (address.find(':') != std::string::npos) {
        if (!is_ipv6(address)) return "invalid IPv6 address '" + address + "'";
        parts.address = std::move(address);
    } else {
        if (!is_ipv4(address)) return "invalid IP address '" + address + "'";
        parts.address = std::move(address);
    }

    if (!all_digits(port)) return "invalid port '" + std::string(port) + "'";
    // Cap the digits before converting so an absurd value cannot overflow.
    const unsigned long value = port.size() > 6 ? 1000000UL : std::stoul(std::string(port));
    if (value == 0 || value > 65535) {
        return "port " + std::string(port) + " is out of range 1-65535";
    }
    parts.port = static_cast<uint16_t>(value);

    for (char c : host) {
        if (std::isspace(static_cast<unsigned char>(c)) || std::strchr("/\\?#@[]", c) != nullptr) {
            return "invalid host name '" + host + "'";
        }
    }
    if (host == "*") host.clear();
    parts.host_name = std::move(host);
    return parts;
}

std::optional<std::string> process_environment(std::string_view name) {
    if (name.empty()) return std::nullopt;
    const std::string key(name);
    if (const char* v = std::getenv(key.c_str())) return std::string(v);
    for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
        const std::string_view entry(*e);
        const auto eq = entry.find('=');
        if (eq != std::string_view::npos && iequals(entry.substr(0, eq), name)) {
            return std::string(entry.substr(eq + 1));
        }
    }
    return std::nullopt;
}

std::optional<std::string> expand_environment(std::string_view text, const env_lookup& lookup,
                                              std::string& unknown) {
    std::string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        const auto open = text.find('%', i);
        if (open == std::string_view::npos) {
            out.append(text.substr(i));
            break;
        }
        out.append(text.substr(i, open - i));
        const auto close = text.find('%', open + 1);
        if (close == std::string_view::npos) {
            out.append(text.substr(open));  // a lone '%' is just a character
            break;
        }
        const std::string_view name = text.substr(open + 1, close - open - 1);
        if (name.empty()) {
            out.append("%%");
            i = close + 1;
            continue;
        }
        auto value = lookup(name);
        if (!value) {
            unknown = std::string(name);
            return std::nullopt;
        }
        out.append(*value);
        i = close + 1;
    }
    return out;
}

}  // namespace lintel::config::detail
