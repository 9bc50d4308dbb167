// Protocol-neutral header storage used by requests and responses.
// Names compare case-insensitively (ASCII); order of insertion is kept, as it is on the wire.
//
// clear() keeps the strings of removed fields for reuse, so a keep-alive connection that reuses one exchange
// stops allocating for headers once it has seen its largest request.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace lintel::core {

bool iequals(std::string_view a, std::string_view b);

struct header {
    std::string name;
    std::string value;
};

class header_list {
public:
    // First value with this name, or nullptr.
    const std::string* find(std::string_view name) const;
    std::string* find(std::string_view name);
    // Sets a header. replace=true drops every existing field of that name first; replace=false appends the value
    // to an existing field as ", value" (one combined field, as http.sys presents repeated headers).
    void set(std::string_view name, std::string_view value, bool replace);
    // Adds a separate field (used by the parsers; keeps duplicates as received).
    void add(std::string_view name, std::string_view value);
    // Removes every field of that name; returns whether anything was removed.
    bool remove(std::string_view name);
    void clear() { count_ = 0; }
    bool empty() const { return count_ == 0; }
    size_t size() const { return count_; }
    std::span<const header> fields() const { return {fields_.data(), count_}; }
    std::span<header> fields() { return {fields_.data(), count_}; }

private:
    std::vector<header> fields_;  // [0, count_) are live; the rest are kept for their capacity
    size_t count_ = 0;
};

}  // namespace lintel::core
