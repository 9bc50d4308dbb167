-- Loaded by tests/conformance/run into wrk (wrk -s pipeline.lua -- DEPTH): every write carries
-- DEPTH requests back to back, so the server must frame and answer pipelined requests in order
-- under load. With DEPTH 1 it is a plain keep-alive run. The last line of output is one
-- machine-readable summary; any error counter above zero fails the run.
local depth = 1
local batch = nil

function init(args)
    depth = tonumber(args[1]) or 1
    local requests = {}
    for i = 1, depth do
        requests[i] = wrk.format(nil, wrk.path)
    end
    batch = table.concat(requests)
end

function request()
    return batch
end

function done(summary, latency, requests)
    local errors = summary.errors
    io.write(string.format(
        'CONFORMANCE_WRK {"requests": %d, "duration_us": %d, "connect_errors": %d, ' ..
        '"read_errors": %d, "write_errors": %d, "status_errors": %d, "timeouts": %d, ' ..
        '"depth": %d}\n',
        summary.requests, summary.duration, errors.connect, errors.read, errors.write,
        errors.status, errors.timeout, depth))
end
