-- wrk script for tests/bench/postgres-scale-out.ts.
--   wrk ... -s postgres-scale-out.lua <url> -- get
--   wrk ... -s postgres-scale-out.lua <url> -- sign <email-prefix> <partner-secret>
-- "sign" POSTs a JSON pledge with a partner key (Authorization: Bearer), a unique email per request
-- (prefix, wrk thread, counter). Both modes count responses by status, and done() prints one line,
-- "WRKJSON {…}", that the runner parses: requests, duration, errors, status counts, latency (µs).

local threads = {}

function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  mode = args[1] or "get"
  prefix = args[2] or "pg"
  counter = 0
  statuses = {}
  if mode == "sign" then
    wrk.method = "POST"
    wrk.headers["Content-Type"] = "application/json"
    wrk.headers["Authorization"] = "Bearer " .. (args[3] or "")
  end
end

function request()
  if mode ~= "sign" then
    return wrk.format()
  end
  counter = counter + 1
  local body = string.format(
    '{"name":"Bench Signer %d","email":"%s-%d-%d@example.org","nation":"england"}',
    counter, prefix, tid, counter
  )
  return wrk.format(nil, nil, nil, body)
end

function response(status, headers, body)
  local key = tostring(status)
  statuses[key] = (statuses[key] or 0) + 1
end

function done(summary, latency, requests)
  local merged = {}
  for _, thread in ipairs(threads) do
    local counts = thread:get("statuses")
    for status, n in pairs(counts) do
      merged[status] = (merged[status] or 0) + n
    end
  end
  local parts = {}
  for status, n in pairs(merged) do
    table.insert(parts, string.format('"%s":%d', status, n))
  end
  local e = summary.errors
  io.write(string.format(
    'WRKJSON {"requests":%d,"durationUs":%d,"bytes":%d,' ..
      '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},' ..
      '"statuses":{%s},' ..
      '"latencyUs":{"mean":%.0f,"p50":%d,"p90":%d,"p99":%d,"max":%d}}\n',
    summary.requests, summary.duration, summary.bytes,
    e.connect, e.read, e.write, e.status, e.timeout,
    table.concat(parts, ","),
    latency.mean, latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max
  ))
end
