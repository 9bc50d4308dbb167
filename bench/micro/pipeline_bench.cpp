// Micro-benchmarks of the request pipeline itself: a whole request through a site with no modules (table walk,
// context creation, final send, LOG/END), header lookups by name and by HTTP_HEADER_ID, and server variables.
#include <benchmark/benchmark.h>
#include <arpa/inet.h>
#include <netinet/in.h>

#include "api/header_ids.h"
#include "core/headers.h"
#include "../../tests/support/pipeline_fixture.h"

namespace {

void BM_PipelineRequestNoModules(benchmark::State& state) {
    lintel::testing::pipeline_fixture fixture;
    for (auto _ : state) {
        fixture.run_request();
    }
    state.counters["sends"] = fixture.stream().sends_;
}
BENCHMARK(BM_PipelineRequestNoModules);

lintel::core::header_list typical_headers() {
    lintel::core::header_list headers;
    for (const char* name : {"Host", "User-Agent", "Accept", "Accept-Language", "Accept-Encoding", "Cookie",
                             "Referer", "Connection", "Upgrade-Insecure-Requests", "Cache-Control"}) {
        headers.add(name, "value");
    }
    return headers;
}

void BM_HeaderLookupByName(benchmark::State& state) {
    auto headers = typical_headers();
    for (auto _ : state) {
        benchmark::DoNotOptimize(headers.find("cache-control"));
    }
}
BENCHMARK(BM_HeaderLookupByName);

void BM_HeaderLookupById(benchmark::State& state) {
    auto headers = typical_headers();
    for (auto _ : state) {
        auto name = lintel::api::request_header_name(HttpHeaderCacheControl);
        benchmark::DoNotOptimize(headers.find(name));
    }
}
BENCHMARK(BM_HeaderLookupById);

void BM_HeaderIdFromName(benchmark::State& state) {
    for (auto _ : state) {
        benchmark::DoNotOptimize(lintel::api::request_header_id("User-Agent"));
    }
}
BENCHMARK(BM_HeaderIdFromName);

}  // namespace
