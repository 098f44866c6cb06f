-- wrk script: GET one path (the URL's), every response counted by status; `done` prints "WRK_JSON {…}"
-- like sign.lua (tests/bench/viral-day.ts parses it).
--
--   wrk -t2 -c50 -d30s --latency -s tests/bench/wrk/get.lua http://127.0.0.1:3000/pledge

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  responses, ok, non2xx = 0, 0, 0
  statuses = {}
end

function response(status, headers, body)
  responses = responses + 1
  if status >= 200 and status < 300 then ok = ok + 1 else non2xx = non2xx + 1 end
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local total = { responses = 0, ok = 0, non2xx = 0 }
  local codes = {}
  for _, thread in ipairs(threads) do
    for k, _ in pairs(total) do total[k] = total[k] + (thread:get(k) or 0) end
    local s = thread:get("statuses") or {}
    for code, count in pairs(s) do codes[code] = (codes[code] or 0) + count end
  end
  local parts = {}
  for code, count in pairs(codes) do table.insert(parts, string.format('"%d":%d', code, count)) end
  local e = summary.errors
  io.write(string.format(
    'WRK_JSON {"sent":%d,"responses":%d,"ok2xx":%d,"non2xx":%d,"statusCodes":{%s},' ..
    '"wrkRequests":%d,"durationUs":%d,"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},' ..
    '"latencyUs":{"mean":%.0f,"p50":%d,"p90":%d,"p99":%d,"max":%d}}\n',
    total.responses, total.responses, total.ok, total.non2xx, table.concat(parts, ","),
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency.mean, latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
end
