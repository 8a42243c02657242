-- Wraps handlers in pcall so one bad input or a bug in one handler is logged with its context
-- and never takes the driver down.
local log = require "log"

local safe = {}

function safe.wrap(name, handler)
  return function(driver, device, ...)
    local ok, err = pcall(handler, driver, device, ...)
    if not ok then
      log.error_with({ hub_logs = true }, string.format("%s failed for %s: %s", name,
        device and (device.label or device.id) or "?", tostring(err)))
    end
  end
end

--- A copy of a { key = handler } table (one or two levels deep) with every handler wrapped.
function safe.wrap_table(prefix, handlers)
  local wrapped = {}
  for key, value in pairs(handlers) do
    if type(value) == "function" then
      wrapped[key] = safe.wrap(prefix .. "." .. tostring(key), value)
    else
      wrapped[key] = safe.wrap_table(prefix .. "." .. tostring(key), value)
    end
  end
  return wrapped
end

return safe
