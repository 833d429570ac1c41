-- wrk script: the mixed workload of issue 8 — 70% reads, 30% writes, spread over many people.
--   wrk -s bench/mixed.lua URL -- TOKENS_FILE [RATE CONNECTIONS]
-- TOKENS_FILE holds one bearer token per line (`interlude synth --sessions K --tokens-out F`);
-- each request picks a person at random. Without RATE, every connection sends its next
-- request as soon as the last is answered (closed loop: the most the server can do, where
-- latency is mostly queueing — 256 connections at N requests/s wait 256/N s on average).
-- With RATE and CONNECTIONS, each connection waits a random (exponential) time between
-- requests so that all of them together offer about RATE requests/s: the latency at that load. The mix, per 100 requests:
--   reads  70: 35 list the last 30 check-ins, 15 list the last 20 entries, 10 list the last
--              7 check-ins, 10 read the account (/me)
--   writes 30: 15 check-ins with a note, 15 journal entries (read by the language engine,
--              assessed by the safety layer and answered with a reflection)
-- Prints one RESULT line (requests/s, p50, p99, non-2xx count) and the count of each kind.

local tokens = {}

-- Journal lines written for this benchmark (no one's real words), varied in length and tone.
local entries = {
  "Long day at work. The meeting ran over and I never got lunch, so I was snappy with everyone by four.",
  "Slept badly again. Woke at three and lay there going over the conversation with my sister.",
  "Went for a walk by the river after dinner. It helped more than I expected. Felt lighter afterwards.",
  "I keep thinking I should be further along by now. Everyone else seems to have it figured out.",
  "Good session today. We talked about how I avoid hard conversations and I want to try one this week.",
  "Tired. Not sad exactly, just flat. Made tea, watched something, went to bed early.",
  "My manager praised the report in front of the team. I didn't know what to do with my face.",
  "Anxious about the exam on Friday. I made a plan for the next three evenings and that calmed me a bit.",
  "Called Mum. She sounded older than last time and it stayed with me all evening.",
  "Had a proper laugh with Sam for the first time in weeks. Grateful for friends who keep asking.",
  "The flat is a mess and I can't face it. I did the dishes at least. Small things.",
  "Money worries again this month. Sat down and wrote out every bill, which was better than not looking.",
}
local notes = { "ok day", "tired but fine", "walked at lunch", "stressed about work", "slept well",
                "felt low this evening", "good chat with a friend", "busy", "calmer after a run" }
counts = { read30 = 0, entries = 0, read7 = 0, me = 0, checkin = 0, entry = 0 }  -- per thread
local threads = {}

function setup(thread)
  threads[#threads + 1] = thread
end

local mean_gap_ms = 0  -- 0: closed loop

function init(args)
  local path = args[1]
  for line in io.lines(path) do
    if #line > 0 then tokens[#tokens + 1] = line end
  end
  if #tokens == 0 then error("no tokens in " .. tostring(path)) end
  local rate, connections = tonumber(args[2] or ""), tonumber(args[3] or "")
  if rate and connections and rate > 0 then mean_gap_ms = 1000 * connections / rate end
  -- Each wrk thread has its own Lua state; vary the seed by thread so they differ.
  math.randomseed(tonumber(tostring({}):match("0x(%x+)") or "0", 16) % 100000)
end

function delay()
  if mean_gap_ms == 0 then return 0 end
  return -mean_gap_ms * math.log(1 - math.random())  -- Poisson arrivals per connection
end

local function authorised(token, json)
  local h = { ["Authorization"] = "Bearer " .. token }
  if json then h["Content-Type"] = "application/json" end
  return h
end

function request()
  local token = tokens[math.random(#tokens)]
  local r = math.random(100)
  if r <= 35 then
    counts.read30 = counts.read30 + 1
    return wrk.format("GET", "/api/v1/checkins?limit=30", authorised(token))
  elseif r <= 50 then
    counts.entries = counts.entries + 1
    return wrk.format("GET", "/api/v1/entries?limit=20", authorised(token))
  elseif r <= 60 then
    counts.read7 = counts.read7 + 1
    return wrk.format("GET", "/api/v1/checkins?limit=7", authorised(token))
  elseif r <= 70 then
    counts.me = counts.me + 1
    return wrk.format("GET", "/api/v1/me", authorised(token))
  elseif r <= 85 then
    counts.checkin = counts.checkin + 1
    local body = string.format('{"valence":%d,"energy":%d,"emotions":["calm"],"tags":["work"],"note":"%s"}',
      math.random(7), math.random(5), notes[math.random(#notes)])
    return wrk.format("POST", "/api/v1/checkins", authorised(token, true), body)
  else
    counts.entry = counts.entry + 1
    local body = string.format('{"kind":"free","text":"%s"}', entries[math.random(#entries)])
    return wrk.format("POST", "/api/v1/entries", authorised(token, true), body)
  end
end

function done(summary, latency, requests)
  io.write(string.format(
    "RESULT requests=%d non_2xx=%d socket_errors=%d rps=%.0f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f\n",
    summary.requests, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000))
  local total = {}
  for _, t in ipairs(threads) do
    for k, v in pairs(t:get("counts")) do total[k] = (total[k] or 0) + v end
  end
  io.write(string.format("MIX read30=%d entries=%d read7=%d me=%d checkin=%d entry=%d\n",
    total.read30 or 0, total.entries or 0, total.read7 or 0, total.me or 0,
    total.checkin or 0, total.entry or 0))
end
