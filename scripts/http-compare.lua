-- wrk script for scripts/http-compare.sh:
--   HTTP_COMPARE_CONNECTIONS=C wrk -c C ... -s scripts/http-compare.lua URL -- DEPTH
-- DEPTH > 1 sends DEPTH copies of the request in one write (HTTP/1.1 pipelining, as TechEmpower's
-- pipeline.lua); wrk then times the batch, from its write to its last response. DEPTH 1 leaves wrk
-- its static request, so the plain runs cost the client no Lua call per request.
--
-- done() prints one line of results; latencies in microseconds. They are the latencies wrk
-- observed: after the run wrk 4.1 "corrects" its histogram for coordinated omission (stats_correct
-- in src/stats.c): for every sample n at least 2e it adds samples at n-e, n-2e, ... down to e, with
-- e = duration / (requests / connections), the mean time between responses on a connection. With
-- pipelining e is per response, a sixteenth of a batch, so it invents about fifteen samples per
-- batch, many below the recorded minimum where its own percentile walk never looks (it then
-- returns 0). The correction is undone here: D[m] = D'[m] - D'[m+e] for m > e, D[m] = D'[m] below.
-- That reads wrk's histogram through LuaJIT's FFI (the struct is src/stats.h's `stats`); the
-- line says latency=unavailable if what it reads does not add up.

local ffi = require("ffi")
ffi.cdef [[
  typedef struct { uint64_t count; uint64_t limit; uint64_t min; uint64_t max; uint64_t data[?]; } wrk_stats;
]]

init = function(args)
  -- args[0] is the URL, args[1] the first word after "--".
  local depth = tonumber(args[1]) or 1
  if depth <= 1 then
    request = nil
    return
  end
  local r = {}
  for i = 1, depth do
    r[i] = wrk.format()
  end
  batch = table.concat(r)
end

request = function()
  return batch
end

-- The histogram wrk observed, as {counts by microsecond, total}, or nil when it does not add up.
local function observed(latency, summary)
  local s = ffi.cast("wrk_stats **", ffi.cast("void *", latency))[0]
  local max, limit = tonumber(s.max), tonumber(s.limit)
  if max ~= latency.max or max >= limit then
    return nil
  end
  local corrected, total = {}, 0
  for i = 0, max do
    local c = tonumber(s.data[i])
    corrected[i] = c
    total = total + c
  end
  if total ~= tonumber(s.count) then
    return nil
  end
  local connections = tonumber(os.getenv("HTTP_COMPARE_CONNECTIONS") or "")
  if not connections then
    return nil
  end
  local per_connection = math.floor(summary.requests / connections)
  local e = per_connection > 0 and math.floor(summary.duration / per_connection) or 0
  local counts, n = {}, 0
  for m = 0, max do
    local c = corrected[m]
    if e > 0 and m > e then
      c = c - (corrected[m + e] or 0)
    end
    if c < 0 then
      return nil
    end
    counts[m] = c
    n = n + c
  end
  return counts, n, max
end

-- wrk's own rule (stats_percentile), over the observed histogram.
local function percentile(counts, n, max, p)
  local rank = math.floor(p / 100 * n + 0.5 + 0.5)
  local total = 0
  for i = 0, max do
    total = total + counts[i]
    if total >= rank then
      return i
    end
  end
  return max
end

done = function(summary, latency, requests)
  local e = summary.errors
  local counts, n, max = observed(latency, summary)
  local lat
  if counts and n > 0 then
    lat = string.format("latency=observed samples=%d p50_us=%d p99_us=%d p999_us=%d max_us=%d",
      n, percentile(counts, n, max, 50), percentile(counts, n, max, 99), percentile(counts, n, max, 99.9), max)
  else
    lat = "latency=unavailable samples=0 p50_us=-1 p99_us=-1 p999_us=-1 max_us=-1"
  end
  io.write(string.format(
    "wrk-result requests=%d duration_us=%d bytes=%d %s " ..
    "connect_errors=%d read_errors=%d write_errors=%d status_errors=%d timeouts=%d\n",
    summary.requests, summary.duration, summary.bytes, lat,
    e.connect, e.read, e.write, e.status, e.timeout))
end
