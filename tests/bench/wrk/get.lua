-- wrk script: GET one path (the URL's); `done` prints "WRK_JSON {…}" like sign.lua (tests/bench/viral-day.ts
-- parses it).
--
--   wrk -t2 -c50 -d30s --latency -s tests/bench/wrk/get.lua http://127.0.0.1:3000/pledge
--
-- No `response` callback, on purpose: with one, wrk copies every response body into Lua, which costs the
-- load generator in proportion to the page's size on the same two cores as the server, so a bigger page
-- looked slower than it is to serve. wrk's own counters say enough: every response below 400 is a success
-- (our pages answer 200), and `errors.status` counts the rest.

function done(summary, latency, requests)
  local e = summary.errors
  local ok = summary.requests - e.status
  io.write(string.format(
    'WRK_JSON {"sent":%d,"responses":%d,"ok2xx":%d,"non2xx":%d,"statusCodes":{"<400":%d,">=400":%d},' ..
    '"wrkRequests":%d,"durationUs":%d,"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},' ..
    '"latencyUs":{"mean":%.0f,"p50":%d,"p90":%d,"p99":%d,"max":%d}}\n',
    summary.requests, summary.requests, ok, e.status, ok, e.status,
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency.mean, latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
end
