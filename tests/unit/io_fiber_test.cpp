#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "io/fiber.h"

using lintel::io::fiber;

namespace {
struct trace {
    std::vector<std::string> events;
};
}  // namespace

TEST(Fiber, RunsUntilSuspendThenResumesWhereItLeft) {
    trace t;
    fiber f(
        [](void* p) {
            auto* log = static_cast<trace*>(p);
            log->events.push_back("a");
            EXPECT_NE(fiber::current(), nullptr);
            fiber::suspend();
            log->events.push_back("b");
            fiber::suspend();
            log->events.push_back("c");
        },
        &t);
    EXPECT_EQ(fiber::current(), nullptr);
    f.resume();
    EXPECT_EQ(t.events, (std::vector<std::string>{"a"}));
    EXPECT_FALSE(f.finished());
    f.resume();
    EXPECT_EQ(t.events, (std::vector<std::string>{"a", "b"}));
    f.resume();
    EXPECT_EQ(t.events, (std::vector<std::string>{"a", "b", "c"}));
    EXPECT_TRUE(f.finished());
    EXPECT_EQ(fiber::current(), nullptr);
}

TEST(Fiber, ExceptionsAndDeepStacksStayInsideTheFiber) {
    struct state {
        int depth = 0;
        bool caught = false;
    } s;
    fiber f(
        [](void* p) {
            auto* st = static_cast<state*>(p);
            // Recursion using ~64 KiB of stack, well inside the fiber's 256 KiB.
            struct recurse {
                static int down(int n) {
                    volatile char pad[512];
                    pad[0] = static_cast<char>(n);
                    return n == 0 ? pad[0] : down(n - 1) + 1;
                }
            };
            st->depth = recurse::down(120);
            try {
                throw std::runtime_error("inside");
            } catch (const std::exception&) {
                st->caught = true;
            }
        },
        &s);
    f.resume();
    EXPECT_TRUE(f.finished());
    EXPECT_EQ(s.depth, 120);
    EXPECT_TRUE(s.caught);
}

TEST(Fiber, ManyFibersInterleaveAndStacksAreReused) {
    std::vector<int> counters(50, 0);
    std::vector<std::unique_ptr<fiber>> fibers;
    for (auto& counter : counters) {
        fibers.push_back(std::make_unique<fiber>(
            [](void* p) {
                auto* c = static_cast<int*>(p);
                for (int i = 0; i < 3; ++i) {
                    ++*c;
                    fiber::suspend();
                }
            },
            &counter));
    }
    for (int round = 0; round < 4; ++round) {
        for (auto& f : fibers) {
            if (!f->finished()) f->resume();
        }
    }
    for (int counter : counters) EXPECT_EQ(counter, 3);
    for (auto& f : fibers) EXPECT_TRUE(f->finished());
}
