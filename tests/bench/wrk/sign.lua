-- wrk script: POST /api/pledge as a partner, one unique email and one X-Forwarded-For per request.
--
--   BENCH_PARTNER_KEY=<secret> WRK_PREFIX=wrk wrk -t2 -c50 -d60s --latency -s tests/bench/wrk/sign.lua URL
--
-- Emails are "<prefix>-<thread>-<salt>-<n>@example.org" (thread id, a random salt per thread, a counter),
-- so two runs against the same database never collide. Each response is counted by status in the
-- `response` callback; `done` prints one line "WRK_JSON {…}" with the totals and latency percentiles
-- (tests/bench/viral-day.ts parses it). Requests written but unanswered when wrk stops are `sent` minus
-- `responses`: the server may still commit them.

local threads = {}
local next_id = 0

function setup(thread)
  next_id = next_id + 1
  thread:set("id", next_id)
  table.insert(threads, thread)
end

function init(args)
  sent, responses, ok, non2xx = 0, 0, 0, 0
  statuses = {}
  key = os.getenv("BENCH_PARTNER_KEY") or ""
  prefix = os.getenv("WRK_PREFIX") or "wrk"
  path = os.getenv("WRK_PATH") or "/api/pledge"
  math.randomseed(os.time() * 1000 + id * 7919)
  salt = math.random(1, 1000000000)
  octet = (tonumber(os.getenv("WRK_ADDRESS_SEED") or "20") + id) % 256
end

function request()
  sent = sent + 1
  local n = sent
  local body = string.format(
    '{"name":"Wrk Signer %d","email":"%s-%d-%d-%d@example.org","nation":"england"}',
    n, prefix, id, salt, n)
  local headers = {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. key,
    ["X-Forwarded-For"] = string.format("%d.%d.%d.%d", octet, math.floor(n / 65536) % 256,
      math.floor(n / 256) % 256, n % 256),
  }
  return wrk.format("POST", path, headers, body)
end

function response(status, headers, body)
  responses = responses + 1
  if status >= 200 and status < 300 then ok = ok + 1 else non2xx = non2xx + 1 end
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local total = { sent = 0, responses = 0, ok = 0, non2xx = 0 }
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
    total.sent, total.responses, total.ok, total.non2xx, table.concat(parts, ","),
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency.mean, latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
end
