-- wrk script for peers.sh: POSTs an API create to the URL wrk was given. The body is the file named by CREATE_BODY and
-- the headers are the lines of CREATE_HEADERS ("Name: value"); "{{n}}" in either becomes a number no other request of
-- the run uses (an idempotency key, a ticket's e-mail address), so every request creates a new ticket.
local body = io.open(os.getenv("CREATE_BODY")):read("*a")
local headerLines = os.getenv("CREATE_HEADERS") or ""
local threads = 0

function setup(thread)
    threads = threads + 1
    thread:set("id", threads)
end

local counter = 0
function request()
    counter = counter + 1
    local n = tostring(id) .. "-" .. tostring(counter) .. "-" .. tostring(os.time())
    local headers = {}
    for line in headerLines:gmatch("[^\n]+") do
        local name, value = line:match("^([^:]+):%s*(.*)$")
        if name then headers[name] = value:gsub("{{n}}", n) end
    end
    return wrk.format("POST", nil, headers, (body:gsub("{{n}}", n)))
end

function done(summary, latency, requests)
    io.write(string.format("created: %d requests answered below 400, %d with an error status\n", summary.requests - summary.errors.status, summary.errors.status))
end
