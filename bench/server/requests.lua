-- wrk script of bench/server/run.sh: each request takes the next target of a
-- file written by `relais_server_bench_data paths` (one target per line:
-- /api/v1/lieux?near=LAT,LON&services=...), starting at a different place
-- in the file for each wrk thread, so the query point and the services filter
-- change with every request. Usage: wrk ... -s requests.lua URL -- TARGETS_FILE
-- Counts non-2xx answers per thread and prints them in done() (wrk itself
-- counts only statuses >= 400, in errors_status). That count costs: wrk hands
-- every response's headers and body (25-38 KB) to Lua, which took 6-10 % of
-- the requests per second from the server sharing its 2 cores. So run.sh
-- measures with a lean copy of this script, without response() and with
-- counting = false (non2xx=not_counted; statuses >= 400 still counted by
-- wrk), and counts every non-2xx in the warm-up before and the soak.
local counting = true
local targets = {}
local next_index = 1
local non2xx = 0
local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  local file = assert(io.open(args[1], "r"), "cannot open targets file " .. tostring(args[1]))
  for line in file:lines() do
    if #line > 0 then targets[#targets + 1] = line end
  end
  file:close()
  assert(#targets > 0, "no targets in " .. args[1])
  -- Threads start at different offsets (wrk.thread is per-thread state).
  next_index = (math.floor(#targets / 7) * (tonumber(id) or 0)) % #targets + 1
end

function request()
  local target = targets[next_index]
  next_index = next_index % #targets + 1
  return wrk.format("GET", target)
end

function response(status, headers, body)
  if status < 200 or status > 299 then non2xx = non2xx + 1 end
end

function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do total = total + (tonumber(thread:get("non2xx")) or 0) end
  io.write(string.format("RESULT_WRK requests=%d duration_s=%.3f rps=%.1f p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f max_ms=%.3f " ..
                         "errors_connect=%d errors_read=%d errors_write=%d errors_status=%d errors_timeout=%d non2xx=%s bytes=%d\n",
                         summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
                         latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
                         latency.max / 1000, summary.errors.connect, summary.errors.read, summary.errors.write,
                         summary.errors.status, summary.errors.timeout, counting and tostring(total) or "not_counted",
                         summary.bytes))
end
