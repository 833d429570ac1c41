-- wrk script: a mix of "list my check-ins" (GET, 30 items) and "create a check-in" (POST).
-- Usage: wrk -s bench/checkins.lua ... -- <mode> <token>   mode: read | write
local mode = "read"
local token = ""

function init(args)
  mode = args[1] or "read"
  token = args[2] or ""
end

local body = '{"valence":5,"energy":3,"emotions":["calm"],"tags":["walk"],"note":"bench"}'

function request()
  if mode == "health" then
    return wrk.format("GET", "/api/v1/health")
  end
  local headers = { ["Authorization"] = "Bearer " .. token }
  if mode == "write" then
    headers["Content-Type"] = "application/json"
    return wrk.format("POST", "/api/v1/checkins", headers, body)
  end
  return wrk.format("GET", "/api/v1/checkins?limit=30", headers)
end

function done(summary, latency, requests)
  io.write(string.format("RESULT requests=%d errors_status=%d rps=%.0f p50_ms=%.2f p99_ms=%.2f\n",
    summary.requests, summary.errors.status,
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
