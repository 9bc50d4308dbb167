-- Loaded by bench/run into every wrk run (wrk -s). wrk's own report is meant for people; this
-- prints one line the harness can parse without guessing at units ("1.23ms", "45.6k").
-- Latencies are microseconds from wrk's histogram; errors.status counts non-2xx/3xx responses.
function done(summary, latency, requests)
    local errors = summary.errors
    io.write(string.format(
        'LINTEL_BENCH {"requests": %d, "duration_us": %d, "bytes": %d, ' ..
        '"connect_errors": %d, "read_errors": %d, "write_errors": %d, "status_errors": %d, ' ..
        '"timeouts": %d, "p50_us": %d, "p90_us": %d, "p99_us": %d, "p999_us": %d, ' ..
        '"max_us": %d, "mean_us": %.1f}\n',
        summary.requests, summary.duration, summary.bytes,
        errors.connect, errors.read, errors.write, errors.status, errors.timeout,
        latency:percentile(50), latency:percentile(90), latency:percentile(99),
        latency:percentile(99.9), latency.max, latency.mean))
end
