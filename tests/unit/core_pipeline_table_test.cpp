#include <gtest/gtest.h>

#include "core/pipeline_table.h"

using namespace lintel::core;

namespace {

module_subscription subscribe(uint32_t events, uint32_t posts, priority p = priority::medium) {
    module_subscription s;
    s.request_mask = events;
    s.post_mask = posts;
    s.set_priority(events | notification::send_response, p);
    return s;
}

std::vector<uint16_t> v(std::initializer_list<uint16_t> items) { return items; }

}  // namespace

TEST(PipelineTable, OnlySubscribersAppearInConfigurationOrder) {
    std::vector<module_subscription> modules = {
        subscribe(notification::begin_request, 0),
        subscribe(notification::authorize_request, notification::authorize_request),
        subscribe(notification::begin_request, notification::begin_request),
    };
    pipeline_table table(modules);
    EXPECT_EQ(table.event(0), v({0, 2}));
    EXPECT_EQ(table.post_event(0), v({2}));
    EXPECT_EQ(table.event(2), v({1}));
    EXPECT_EQ(table.post_event(2), v({1}));
    EXPECT_TRUE(table.event(1).empty());
    EXPECT_EQ(table.module_count(), 3u);
}

TEST(PipelineTable, PriorityOrdersThenConfigurationOrderBreaksTies) {
    const uint32_t all = notification::begin_request | notification::send_response;
    std::vector<module_subscription> modules = {
        subscribe(all, notification::begin_request, priority::low),     // 0
        subscribe(all, notification::begin_request, priority::medium),  // 1
        subscribe(all, notification::begin_request, priority::high),    // 2
        subscribe(all, notification::begin_request, priority::medium),  // 3
        subscribe(all, notification::begin_request, priority::first),   // 4
        subscribe(all, notification::begin_request, priority::last),    // 5
    };
    pipeline_table table(modules);
    EXPECT_EQ(table.event(0), v({4, 2, 1, 3, 0, 5}));
    EXPECT_EQ(table.post_event(0), v({4, 2, 1, 3, 0, 5}));
    // RQ_SEND_RESPONSE reverses the whole order: priority and configuration order.
    EXPECT_EQ(table.send_response(), v({5, 0, 3, 1, 2, 4}));
}

TEST(PipelineTable, PostSpecificPriorityOverridesTheEventOrder) {
    std::vector<module_subscription> modules = {
        subscribe(notification::end_request, notification::end_request),
        subscribe(notification::end_request, notification::end_request),
    };
    modules[1].set_post_priority(notification::end_request, priority::first);
    pipeline_table table(modules);
    EXPECT_EQ(table.event(11), v({0, 1}));
    EXPECT_EQ(table.post_event(11), v({1, 0}));
}

TEST(PipelineTable, NonDeterministicNotificationsHaveTheirOwnLists) {
    std::vector<module_subscription> modules = {
        subscribe(notification::map_path | notification::read_entity, 0),
        subscribe(notification::custom | notification::read_entity, 0),
    };
    pipeline_table table(modules);
    EXPECT_EQ(table.map_path(), v({0}));
    EXPECT_EQ(table.read_entity(), v({0, 1}));
    EXPECT_EQ(table.custom(), v({1}));
    EXPECT_TRUE(table.send_response().empty());
}

TEST(PipelineTable, ParsePriorityAcceptsTheAliasesOnly) {
    priority p = priority::medium;
    EXPECT_TRUE(parse_priority("FIRST", p));
    EXPECT_EQ(p, priority::first);
    EXPECT_TRUE(parse_priority("low", p));
    EXPECT_EQ(p, priority::low);
    EXPECT_FALSE(parse_priority("HIGHEST", p));
    EXPECT_FALSE(parse_priority("", p));
}

TEST(PipelineTable, DeterministicIndex) {
    EXPECT_EQ(deterministic_index(notification::begin_request), 0);
    EXPECT_EQ(deterministic_index(notification::execute_request_handler), 7);
    EXPECT_EQ(deterministic_index(notification::end_request), 11);
    EXPECT_EQ(deterministic_index(notification::send_response), -1);
}
