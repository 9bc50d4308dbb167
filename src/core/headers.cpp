#include "core/headers.h"

#include <utility>

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
    for (size_t i = 0; i < count_; ++i) {
        if (iequals(fields_[i].name, name)) {
            return &fields_[i].value;
        }
    }
    return nullptr;
}

std::string* header_list::find(std::string_view name) {
    for (size_t i = 0; i < count_; ++i) {
        if (iequals(fields_[i].name, name)) {
            return &fields_[i].value;
        }
    }
    return nullptr;
}

void header_list::set(std::string_view name, std::string_view value, bool replace) {
    if (replace) {
        remove(name);
        add(name, value);
        return;
    }
    if (std::string* existing = find(name)) {
        existing->append(", ").append(value);
        return;
    }
    add(name, value);
}

void header_list::add(std::string_view name, std::string_view value) {
    if (count_ < fields_.size()) {
        fields_[count_].name.assign(name);
        fields_[count_].value.assign(value);
    } else {
        fields_.push_back(header{std::string(name), std::string(value)});
    }
    ++count_;
}

bool header_list::remove(std::string_view name) {
    size_t kept = 0;
    for (size_t i = 0; i < count_; ++i) {
        if (iequals(fields_[i].name, name)) {
            continue;
        }
        if (kept != i) {
            std::swap(fields_[kept], fields_[i]);  // removed fields move past count_ and keep their capacity
        }
        ++kept;
    }
    bool removed = kept != count_;
    count_ = kept;
    return removed;
}

}  // namespace lintel::core
