-- wrk script: the desk's record-and-resolve POST, reusing one sign-in cookie and one antiforgery token
-- (both passed in the environment by run.sh); every request carries a new submission id.
local cookie = os.getenv("KC_COOKIE")
local token = os.getenv("KC_TOKEN")
local withEmail = os.getenv("KC_NO_EMAIL") == nil -- KC_NO_EMAIL=1: complaints without an e-mail address (no letter owed)
local counter = 0
local threads = {}
refused = 0 -- per thread: answers that are not the redirect to the confirmation (the form shown again)

setup = function(thread)
  table.insert(threads, thread)
end

response = function(status, headers, body)
  if status ~= 302 then
    refused = refused + 1
  end
end

local function urlencode(s)
  return (s:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

request = function()
  counter = counter + 1
  local id = string.format("%08x-%04x-4%03x-a%03x-%012x", math.random(0, 0x7fffffff), math.random(0, 0xffff), math.random(0, 0xfff), math.random(0, 0xfff), math.random(0, 0x7fffffff) * 4096 + counter % 4096)
  local body = "__RequestVerificationToken=" .. urlencode(token) ..
    "&Input.SubmissionId=" .. id ..
    "&Input.CustomerName=Fatima+el+Amrani" .. (withEmail and ("&Input.Email=" .. urlencode("load" .. id .. "@example.nl")) or "") ..
    "&Input.Postcode=1012+AB&Input.Channel=Counter&Input.Category=ProductDefect&Input.ProductName=Waterkoker+Deluxe" ..
    "&Input.Receipt=No&Input.Description=Het+deksel+sluit+niet&Input.DesiredOutcome=Refund&Input.ResolutionType=Refund" ..
    "&Input.Amount=24%2C95&Input.RefundMethod=Cash"
  return wrk.format("POST", "/Desk", { ["Content-Type"] = "application/x-www-form-urlencoded", ["Cookie"] = cookie, ["X-Forwarded-Proto"] = "https" }, body)
end

init = function(args)
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16) % 100000)
end

done = function(summary, latency, requests)
  local notRecorded = 0
  for _, thread in ipairs(threads) do
    notRecorded = notRecorded + thread:get("refused")
  end
  io.write(string.format("record p50 %.1f ms, p99 %.1f ms, requests %d, errors %d, not recorded (no redirect) %d\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.requests,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout, notRecorded))
end
