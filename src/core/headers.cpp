#include "core/headers.h"

#include <algorithm>

namespace lintel::core {

namespace {
inline char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }
}  // namespace

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) {
        return false;
    }
    for (size_t i = 0; i < a.size(); ++i) {
        if (lower(a[i]) != lower(b[i])) {
            return false;
        }
    }
    return true;
}

const std::string* header_list::find(std::string_view name) const {
    for (const auto& field : fields_) {
        if (iequals(field.name, name)) {
            return &field.value;
        }
    }
    return nullptr;
}

std::string* header_list::find(std::string_view name) {
    for (auto& field : fields_) {
        if (iequals(field.name, name)) {
            return &field.value;
        }
    }
    return nullptr;
}

void header_list::set(std::string_view name, std::string_view value, bool replace) {
    if (replace) {
        remove(name);
        fields_.push_back(header{std::string(name), std::string(value)});
        return;
    }
    if (std::string* existing = find(name)) {
        existing->append(", ").append(value);
        return;
    }
    fields_.push_back(header{std::string(name), std::string(value)});
}

void header_list::add(std::string_view name, std::string_view value) {
    fields_.push_back(header{std::string(name), std::string(value)});
}

bool header_list::remove(std::string_view name) {
    auto end = std::remove_if(fields_.begin(), fields_.end(),
                              [&](const header& field) { return iequals(field.name, name); });
    bool removed = end != fields_.end();
    fields_.erase(end, fields_.end());
    return removed;
}

}  // namespace lintel::core
