// Per-application notification tables: for every notification, the subscribed modules in the order the pipeline
// calls them. Built once at configuration time; the request path only walks arrays.
//
// Order (semantics.md §3 and decision 2): priority FIRST, HIGH, MEDIUM (default), LOW, LAST; ties in <modules>
// configuration order. RQ_SEND_RESPONSE reverses the whole order (priority and configuration order). A post-event
// uses its event's order unless the module set a post-specific priority.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

namespace lintel::core {

// The bit values are the SDK's RQ_* values; core keeps its own copy so that it never includes the SDK.
namespace notification {
inline constexpr uint32_t begin_request = 0x00000001;
inline constexpr uint32_t authenticate_request = 0x00000002;
inline constexpr uint32_t authorize_request = 0x00000004;
inline constexpr uint32_t resolve_request_cache = 0x00000008;
inline constexpr uint32_t map_request_handler = 0x00000010;
inline constexpr uint32_t acquire_request_state = 0x00000020;
inline constexpr uint32_t pre_execute_request_handler = 0x00000040;
inline constexpr uint32_t execute_request_handler = 0x00000080;
inline constexpr uint32_t release_request_state = 0x00000100;
inline constexpr uint32_t update_request_cache = 0x00000200;
inline constexpr uint32_t log_request = 0x00000400;
inline constexpr uint32_t end_request = 0x00000800;
inline constexpr uint32_t custom = 0x10000000;
inline constexpr uint32_t send_response = 0x20000000;
inline constexpr uint32_t read_entity = 0x40000000;
inline constexpr uint32_t map_path = 0x80000000;
inline constexpr uint32_t deterministic_mask = 0x00000FFF;
inline constexpr uint32_t nondeterministic_mask = custom | send_response | read_entity | map_path;
}  // namespace notification

inline constexpr int deterministic_count = 12;

// Index 0..11 of a deterministic notification bit, or -1.
constexpr int deterministic_index(uint32_t bit) {
    for (int i = 0; i < deterministic_count; ++i) {
        if (bit == (1u << i)) {
            return i;
        }
    }
    return -1;
}

enum class priority : uint8_t { first = 0, high = 1, medium = 2, low = 3, last = 4 };

// Parses "FIRST"/"HIGH"/"MEDIUM"/"LOW"/"LAST" (case-insensitive). Returns false for anything else.
bool parse_priority(std::string_view alias, priority& out);

struct module_subscription {
    uint32_t request_mask = 0;
    uint32_t post_mask = 0;
    // Priority per deterministic event index, and for the non-deterministic ones.
    std::array<priority, deterministic_count> event_priority{};
    std::array<priority, deterministic_count> post_priority{};
    std::array<bool, deterministic_count> post_priority_set{};
    priority send_response_priority = priority::medium;
    priority read_entity_priority = priority::medium;
    priority map_path_priority = priority::medium;
    priority custom_priority = priority::medium;

    module_subscription() {
        event_priority.fill(priority::medium);
        post_priority.fill(priority::medium);
        post_priority_set.fill(false);
    }
    // Applies one priority to every notification bit in `mask` (SetPriorityForRequestNotification).
    void set_priority(uint32_t mask, priority value);
    void set_post_priority(uint32_t mask, priority value);
};

class pipeline_table {
public:
    // `modules` in configuration order; module index = position in this vector.
    explicit pipeline_table(const std::vector<module_subscription>& modules);
    pipeline_table() = default;

    const std::vector<uint16_t>& event(int index) const { return events_[index]; }
    const std::vector<uint16_t>& post_event(int index) const { return posts_[index]; }
    const std::vector<uint16_t>& send_response() const { return send_response_; }
    const std::vector<uint16_t>& read_entity() const { return read_entity_; }
    const std::vector<uint16_t>& map_path() const { return map_path_; }
    const std::vector<uint16_t>& custom() const { return custom_; }
    size_t module_count() const { return module_count_; }

private:
    std::array<std::vector<uint16_t>, deterministic_count> events_;
    std::array<std::vector<uint16_t>, deterministic_count> posts_;
    std::vector<uint16_t> send_response_;
    std::vector<uint16_t> read_entity_;
    std::vector<uint16_t> map_path_;
    std::vector<uint16_t> custom_;
    size_t module_count_ = 0;
};

}  // namespace lintel::core
