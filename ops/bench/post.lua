-- wrk script: POSTs GraphQL requests with the bearer token in $TOKEN. $BODY holds one JSON request body a line; the
-- threads take turns through them (thread t of $THREADS sends lines OFFSET+t, OFFSET+t+T, ...), so no body is sent twice
-- in a run unless the run outlasts the file (then it starts over). $OFFSET (default 0) is the first line to use;
-- with $STATE set, the run writes there the first line the next run should use. A response that is not 200 or
-- whose body carries a non-empty "errors" list (GraphQL errors or a payload's user errors) is a failure: done()
-- prints "failures F of R" and, if any, the first failed body.
local token = os.getenv("TOKEN")
local offset = tonumber(os.getenv("OFFSET") or "0")
-- wrk sets each thread up before the next exists, so the count comes from $THREADS (wrk -t)
local total_threads = tonumber(os.getenv("THREADS") or "1")
local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

local requests = {}

function init(args)
  local headers = { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token }
  for line in io.lines(os.getenv("BODY")) do
    if line ~= "" then table.insert(requests, wrk.format("POST", nil, headers, line)) end
  end
  -- wrk calls request() once more on the first thread, before the run, to check what it returns: that call
  -- takes the place before the first body
  sent = id == 0 and -1 or 0
  failures = 0
  responses = 0
  first_failure = nil
end

function request()
  local index = offset + id + sent * total_threads
  sent = sent + 1
  return requests[(index % #requests) + 1]
end

function response(status, headers, body)
  responses = responses + 1
  if status ~= 200 or string.find(body, '"errors":%[{') then
    failures = failures + 1
    if first_failure == nil then first_failure = status .. " " .. string.sub(body, 1, 400) end
  end
end

function done(summary, latency, requests)
  local failed, answered, next_offset, sample = 0, 0, offset, nil
  for _, thread in ipairs(threads) do
    failed = failed + thread:get("failures")
    answered = answered + thread:get("responses")
    local used = offset + thread:get("id") + thread:get("sent") * total_threads
    if used > next_offset then next_offset = used end
    sample = sample or thread:get("first_failure")
  end
  io.write(string.format("failures %d of %d\n", failed, answered))
  if sample then io.write("first failure: " .. sample .. "\n") end
  local state = os.getenv("STATE")
  if state then
    local file = assert(io.open(state, "w"))
    file:write(next_offset, "\n")
    file:close()
  end
end
