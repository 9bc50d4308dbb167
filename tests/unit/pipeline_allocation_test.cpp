// Issue "Performance": no per-request heap allocation on the pipeline path with no modules. Counts every
// global operator new while requests run through an in-process pipeline once it is warm.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <new>

#include "../support/pipeline_fixture.h"

namespace {
std::atomic<size_t> allocations{0};
}

#if !defined(__SANITIZE_ADDRESS__)  // AddressSanitizer owns operator new; the test is skipped there
void* operator new(size_t size) {
    allocations.fetch_add(1, std::memory_order_relaxed);
    if (void* p = std::malloc(size ? size : 1)) return p;
    throw std::bad_alloc();
}
void* operator new[](size_t size) { return operator new(size); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, size_t) noexcept { std::free(p); }
void operator delete[](void* p, size_t) noexcept { std::free(p); }
#endif

TEST(PipelineAllocation, RequestsWithNoModulesDoNotAllocateOnceWarm) {
#if defined(__SANITIZE_ADDRESS__)
    GTEST_SKIP() << "the context pool is off under AddressSanitizer (it would hide use-after-free)";
#endif
    lintel::testing::pipeline_fixture fixture;
    for (int i = 0; i < 10; ++i) fixture.run_request();  // warm: pools, header storage, arena
    const size_t before = allocations.load();
    constexpr int requests = 1000;
    for (int i = 0; i < requests; ++i) fixture.run_request();
    const size_t per_thousand = allocations.load() - before;
    EXPECT_EQ(fixture.stream().finished_, 1010u);
    EXPECT_EQ(fixture.stream().last_status_, 404) << "no handler is mapped: every request is a 404";
    EXPECT_EQ(per_thousand, 0u) << "heap allocations for " << requests << " requests";
}
