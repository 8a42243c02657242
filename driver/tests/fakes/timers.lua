-- Fake clock and timer queue shared by the fake driver and device threads.
local Timers = {}
Timers.__index = Timers

function Timers.new(start)
  return setmetatable({ now = start or 1800000000, queue = {}, seq = 0 }, Timers)
end

function Timers:_add(delay_s, interval_s, fn, name, args)
  self.seq = self.seq + 1
  local timer = { at = self.now + delay_s, interval = interval_s, fn = fn, name = name, args = args, seq = self.seq }
  self.queue[#self.queue + 1] = timer
  return timer
end

function Timers:call_with_delay(delay_s, fn, name, ...)
  assert(type(delay_s) == "number" and delay_s >= 0, "delay must be >= 0")
  return self:_add(delay_s, nil, fn, name, table.pack(...))
end

function Timers:call_on_schedule(interval_s, fn, name, ...)
  assert(type(interval_s) == "number" and interval_s > 0, "call_on_schedule needs an interval above 0")
  return self:_add(interval_s, interval_s, fn, name, table.pack(...))
end

function Timers:cancel(timer)
  if timer then timer.cancelled = true end
end

function Timers:cancel_all()
  for _, t in ipairs(self.queue) do t.cancelled = true end
  self.queue = {}
end

--- Active timers, optionally only those with this name.
function Timers:active(name)
  local list = {}
  for _, t in ipairs(self.queue) do
    if not t.cancelled and (name == nil or t.name == name) then list[#list + 1] = t end
  end
  return list
end

local function next_due(self, limit)
  local best = nil
  for _, t in ipairs(self.queue) do
    if not t.cancelled and t.at <= limit and (best == nil or t.at < best.at or (t.at == best.at and t.seq < best.seq)) then
      best = t
    end
  end
  return best
end

--- Moves the clock forward, running every timer that falls due, in order.
function Timers:advance(seconds)
  local target = self.now + (seconds or 0)
  local runs = 0
  while true do
    local t = next_due(self, target)
    if not t then break end
    runs = runs + 1
    assert(runs < 10000, "timer loop")
    self.now = t.at
    if t.interval then t.at = t.at + t.interval else t.cancelled = true end
    t.fn(table.unpack(t.args, 1, t.args.n))
  end
  self.now = target
  local live = {}
  for _, t in ipairs(self.queue) do if not t.cancelled then live[#live + 1] = t end end
  self.queue = live
end

return Timers
