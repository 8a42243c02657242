-- The read loop of one bridge device. It keeps one GET /api/v1/state?wait=30 open (long poll):
-- the bridge answers the moment its state changes, or with a 304 after 30 s, and the next read
-- goes out at once, so the hub learns about a change as soon as the bridge does. Reads run in a
-- task of their own (tasks.lua) and never block the bridge's thread; the pauses between reads
-- are timers on that thread. A bridge that does not hold reads is read every pollSeconds
-- instead (read_plan.lua tells them apart), still with `wait`, so holding resumes by itself.
-- While the link is in doubt (a failure since the last good read) reads go without `wait`, with
-- the short timeout, so two failures take the devices offline as quickly as before.
-- arm() is what init calls: after a hub reboot nothing else restarts the reads.
local log = require "log"
local clock = require "clock"
local consts = require "consts"
local fields = require "fields"
local poller = require "poller"
local read_plan = require "read_plan"
local tasks = require "tasks"

local poll_loop = {}

local function name_of(bridge) return bridge.label or bridge.id end

local function current(bridge, generation)
  return bridge:get_field(fields.READ_LOOP) == generation
end

local function set_mode(bridge, mode)
  if not mode or bridge:get_field(fields.READ_MODE) == mode then return end
  bridge:set_field(fields.READ_MODE, mode)
  if mode == "long" then
    log.info(string.format("%s: the bridge holds reads: changes arrive at once", name_of(bridge)))
  else
    log.info(string.format("%s: the bridge does not hold reads (older version, busy or stopping): reading every %d s",
      name_of(bridge), poller.interval_s(bridge)))
  end
end

--- One read and what it decides. Returns the pause before the next read, or nil when this loop
--- was replaced meanwhile (re-armed, removed).
local function read_once(driver, bridge, generation)
  local wait_refused = bridge:get_field(fields.WAIT_REFUSED) == true
  local in_doubt = (bridge:get_field(fields.FAILURES) or 0) > 0
  local wait_s = (not wait_refused and not in_doubt) and consts.LONG_POLL_WAIT_S or nil
  local started = clock.now()
  local read = poller.safe_poll(driver, bridge, { wait_s = wait_s })
  if not current(bridge, generation) then return nil end
  local now = clock.now()
  bridge:set_field(fields.LAST_POLL_AT, now)
  read.waited = wait_s ~= nil
  read.elapsed_s = now - started
  if read.wait_refused then
    bridge:set_field(fields.WAIT_REFUSED, true)
    log.info(string.format("%s: the bridge refused ?wait; reading without it", name_of(bridge)))
  end
  local step = read_plan.next_read(read, {
    interval_s = poller.interval_s(bridge),
    wait_s = consts.LONG_POLL_WAIT_S,
    quick_reads = bridge:get_field(fields.QUICK_READS),
    wait_refused = wait_refused,
  })
  bridge:set_field(fields.QUICK_READS, step.quick_reads)
  set_mode(bridge, step.mode)
  return step.delay_s
end

local schedule

local function run(driver, bridge, generation)
  local delay_s
  repeat
    delay_s = read_once(driver, bridge, generation)
  until delay_s ~= 0
  if delay_s then schedule(driver, bridge, generation, delay_s) end
end

schedule = function(driver, bridge, generation, delay_s)
  local timer = bridge.thread:call_with_delay(delay_s, function()
    if not current(bridge, generation) then return end
    bridge:set_field(fields.POLL_TIMER, nil)
    tasks.spawn(function()
      local ok, err = pcall(run, driver, bridge, generation)
      -- The watchdog re-arms a loop that ended this way.
      if not ok then log.error(string.format("%s: read loop failed: %s", name_of(bridge), tostring(err))) end
    end, "read " .. tostring(name_of(bridge)))
  end, "poll")
  bridge:set_field(fields.POLL_TIMER, timer)
end

--- Stops the loop: the pending pause is cancelled, and a read still open ends without a successor.
function poll_loop.disarm(bridge)
  local timer = bridge:get_field(fields.POLL_TIMER)
  if timer then bridge.thread:cancel_timer(timer) end
  bridge:set_field(fields.POLL_TIMER, nil)
  bridge:set_field(fields.READ_LOOP, (bridge:get_field(fields.READ_LOOP) or 0) + 1)
end

--- (Re)starts the loop; the first read soon. Safe to call any number of times.
function poll_loop.arm(driver, bridge)
  poll_loop.disarm(bridge)
  local generation = bridge:get_field(fields.READ_LOOP)
  -- A new start tries `wait` again (the bridge may have been updated).
  bridge:set_field(fields.WAIT_REFUSED, nil)
  bridge:set_field(fields.QUICK_READS, 0)
  -- Counts as "alive" for the watchdog from now on.
  bridge:set_field(fields.LAST_POLL_AT, clock.now())
  schedule(driver, bridge, generation, consts.FIRST_POLL_DELAY_S)
  log.info(string.format("%s: reading the bridge (long poll, %d s when it does not hold reads)",
    name_of(bridge), poller.interval_s(bridge)))
end

--- The longest a healthy loop goes without starting or ending a read.
function poll_loop.silence_limit_s(bridge)
  return poller.interval_s(bridge) * consts.WATCHDOG_MISSED_POLLS + consts.LONG_POLL_WAIT_S + consts.LONG_POLL_GRACE_S
end

return poll_loop
