-- Driver-level safety net: every minute, any bridge device whose read loop has not started or
-- ended a read for WATCHDOG_MISSED_POLLS intervals plus one long poll gets its loop re-armed (the
-- earlier driver's polling stopped silently and stayed stopped).
local log = require "log"
local clock = require "clock"
local consts = require "consts"
local fields = require "fields"
local kinds = require "kinds"
local poll_loop = require "poll_loop"

local watchdog = {}

--- Re-arms dead polls; returns how many it re-armed.
function watchdog.check(driver)
  local rearmed = 0
  local now = clock.now()
  for _, device in ipairs(driver:get_devices()) do
    if kinds.of(device) == "bridge" then
      local last = device:get_field(fields.LAST_POLL_AT)
      if not last or now - last > poll_loop.silence_limit_s(device) then
        log.warn_with({ hub_logs = true }, string.format("%s: poll has not run for %s s, restarting it",
          device.label or device.id, last and string.format("%d", now - last) or "ever"))
        poll_loop.arm(driver, device)
        rearmed = rearmed + 1
      end
    end
  end
  return rearmed
end

function watchdog.start(driver)
  return driver:call_on_schedule(consts.WATCHDOG_INTERVAL_S, function()
    local ok, err = pcall(watchdog.check, driver)
    if not ok then log.error("watchdog failed: " .. tostring(err)) end
  end, "poll watchdog")
end

return watchdog
