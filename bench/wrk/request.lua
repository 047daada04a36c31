-- One benchmarked request for wrk, configured by environment variables:
--   BENCH_NAME    label printed with the result
--   BENCH_PATH    the address; "{id}" is replaced by the next participant id from BENCH_IDS (one per line)
--   BENCH_COOKIE  the Cookie header of a signed-in session
--   BENCH_BODY    for POST: the form body; "{token}" becomes a fresh form token (so every post is a new entry),
--                 "{antiforgery}" the value of BENCH_ANTIFORGERY
-- Prints one line: RESULT <name> <requests/s> <median ms> <p95 ms> <requests> <errors>
local path_template = os.getenv("BENCH_PATH")
local body_template = os.getenv("BENCH_BODY")
if body_template == "" then body_template = nil end
local cookie = os.getenv("BENCH_COOKIE")
local antiforgery = os.getenv("BENCH_ANTIFORGERY") or ""
local ids = {}
local next_id = 1

local function uuid()
  local t = "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx"
  return (string.gsub(t, "[xy]", function(c)
    local v = (c == "x") and math.random(0, 15) or math.random(8, 11)
    return string.format("%x", v)
  end))
end

local threads = {}
function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(os.time() * 1000 + (id or 0))
  local file = os.getenv("BENCH_IDS")
  if file then
    for line in io.lines(file) do
      if #line > 0 then table.insert(ids, line) end
    end
    -- Threads start at different places in the list.
    next_id = ((id or 1) * 7919) % math.max(1, #ids) + 1
  end
  wrk.headers["Cookie"] = cookie
  if body_template then
    wrk.method = "POST"
    wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
  end
end

function request()
  local path = path_template
  if string.find(path, "{id}", 1, true) then
    path = string.gsub(path, "{id}", ids[next_id])
    next_id = next_id % #ids + 1
  end
  local body = nil
  if body_template then
    body = string.gsub(body_template, "{token}", uuid())
    body = string.gsub(body, "{antiforgery}", antiforgery)
  end
  return wrk.format(nil, path, nil, body)
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout
  io.write(string.format("RESULT %s %.1f %.1f %.1f %d %d\n", os.getenv("BENCH_NAME") or "-",
    summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(95) / 1000, summary.requests, errors))
end
