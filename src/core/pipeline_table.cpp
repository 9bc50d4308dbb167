#include "core/pipeline_table.h"

#include <algorithm>

#include "core/headers.h"

namespace lintel::core {

bool parse_priority(std::string_view alias, priority& out) {
    static constexpr std::pair<std::string_view, priority> names[] = {
        {"FIRST", priority::first}, {"HIGH", priority::high}, {"MEDIUM", priority::medium},
        {"LOW", priority::low},     {"LAST", priority::last},
    };
    for (const auto& [name, value] : names) {
        if (iequals(alias, name)) {
            out = value;
            return true;
        }
    }
    return false;
}

void module_subscription::set_priority(uint32_t mask, priority value) {
    for (int i = 0; i < deterministic_count; ++i) {
        if (mask & (1u << i)) {
            event_priority[i] = value;
        }
    }
    if (mask & notification::send_response) {
        send_response_priority = value;
    }
    if (mask & notification::read_entity) {
        read_entity_priority = value;
    }
    if (mask & notification::map_path) {
        map_path_priority = value;
    }
    if (mask & notification::custom) {
        custom_priority = value;
    }
}

void module_subscription::set_post_priority(uint32_t mask, priority value) {
    for (int i = 0; i < deterministic_count; ++i) {
        if (mask & (1u << i)) {
            post_priority[i] = value;
            post_priority_set[i] = true;
        }
    }
}

namespace {

template <class PriorityOf>
std::vector<uint16_t> ordered(const std::vector<module_subscription>& modules, uint32_t mask, bool post, PriorityOf priority_of, bool reversed) {
    std::vector<uint16_t> order;
    for (size_t i = 0; i < modules.size(); ++i) {
        uint32_t bits = post ? modules[i].post_mask : modules[i].request_mask;
        if (bits & mask) {
            order.push_back(static_cast<uint16_t>(i));
        }
    }
    std::stable_sort(order.begin(), order.end(), [&](uint16_t a, uint16_t b) {
        return static_cast<int>(priority_of(modules[a])) < static_cast<int>(priority_of(modules[b]));
    });
    if (reversed) {
        std::reverse(order.begin(), order.end());
    }
    return order;
}

}  // namespace

pipeline_table::pipeline_table(const std::vector<module_subscription>& modules)
    : module_count_(modules.size()) {
    for (int i = 0; i < deterministic_count; ++i) {
        uint32_t bit = 1u << i;
        events_[i] = ordered(modules, bit, false,
                             [i](const module_subscription& m) { return m.event_priority[i]; }, false);
        posts_[i] = ordered(modules, bit, true,
                            [i](const module_subscription& m) {
                                return m.post_priority_set[i] ? m.post_priority[i] : m.event_priority[i];
                            },
                            false);
    }
    send_response_ = ordered(modules, notification::send_response, false,
                             [](const module_subscription& m) { return m.send_response_priority; }, true);
    read_entity_ = ordered(modules, notification::read_entity, false,
                           [](const module_subscription& m) { return m.read_entity_priority; }, false);
    map_path_ = ordered(modules, notification::map_path, false,
                        [](const module_subscription& m) { return m.map_path_priority; }, false);
    custom_ = ordered(modules, notification::custom, false,
                      [](const module_subscription& m) { return m.custom_priority; }, false);
}

}  // namespace lintel::core
