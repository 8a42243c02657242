-- The driver's only source of "now" (seconds). Specs replace clock.now with a fake clock.
local clock = {}

function clock.now()
  return os.time()
end

return clock
