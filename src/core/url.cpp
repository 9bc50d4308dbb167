#include "core/url.h"

namespace lintel::core {

namespace {

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

}  // namespace

bool split_and_canonicalize(std::string_view target, std::string& path, std::string& query) {
    path.clear();
    query.clear();
    // absolute-form (scheme case-insensitive): drop scheme and authority
    auto has_scheme = [&](std::string_view scheme) {
        if (target.size() < scheme.size()) return false;
        for (size_t i = 0; i < scheme.size(); ++i) {
            char c = target[i];
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
            if (c != scheme[i]) return false;
        }
        return true;
    };
    if (target.size() > 7 && (has_scheme("http://") || has_scheme("https://"))) {
        size_t scheme_end = target.find("://") + 3;
        size_t slash = target.find('/', scheme_end);
        size_t question = target.find('?', scheme_end);
        if (slash == std::string_view::npos || (question != std::string_view::npos && question < slash)) {
            target = question == std::string_view::npos ? std::string_view("/")
                                                        : target.substr(question);
            if (target.front() == '?') {
                query.assign(target.substr(1));
                path = "/";
                return true;
            }
        } else {
            target = target.substr(slash);
        }
    }
    if (target == "*") {
        path = "*";
        return true;
    }
    if (target.empty() || target.front() != '/') {
        return false;
    }
    size_t question = target.find('?');
    std::string_view raw_path = target.substr(0, question);
    if (question != std::string_view::npos) {
        query.assign(target.substr(question + 1));
    }
    // Decode, then resolve dot segments on the decoded form (http.sys decodes before it canonicalises).
    std::string decoded;
    decoded.reserve(raw_path.size());
    for (size_t i = 0; i < raw_path.size(); ++i) {
        char c = raw_path[i];
        if (c == '%' && i + 2 < raw_path.size() + 0 && hex_value(raw_path[i + 1]) >= 0 &&
            hex_value(raw_path[i + 2]) >= 0) {
            char value = static_cast<char>(hex_value(raw_path[i + 1]) * 16 + hex_value(raw_path[i + 2]));
            if (value == '\0') {
                return false;
            }
            decoded.push_back(value);
            i += 2;
        } else {
            decoded.push_back(c == '\\' ? '/' : c);
        }
    }
    path.reserve(decoded.size());
    size_t i = 0;
    while (i < decoded.size()) {
        // decoded[i] == '/' here
        size_t next = decoded.find('/', i + 1);
        std::string_view segment(decoded.data() + i + 1,
                                 (next == std::string::npos ? decoded.size() : next) - i - 1);
        if (segment == ".") {
            if (next == std::string::npos) path.push_back('/');
        } else if (segment == "..") {
            if (path.empty()) {
                return false;  // climbs above the root
            }
            path.resize(path.rfind('/'));
            if (next == std::string::npos) path.push_back('/');
        } else if (segment.empty() && next != std::string::npos) {
            // collapse "//"
        } else {
            path.push_back('/');
            path.append(segment);
        }
        if (next == std::string::npos) break;
        i = next;
    }
    if (path.empty()) {
        path = "/";
    }
    return true;
}

}  // namespace lintel::core
