-- The read loop: one long poll (GET /api/v1/state?wait=30) open per bridge, a change applied the
-- moment the bridge answers, the fallback to periodic reads against a bridge that does not hold
-- them, and failures still taking the devices offline. All on the fake clock: "at once" means in
-- the same fake second.
local Env = require "tests.fakes.env"

local LIVING = "2746182631"

local function state_reads(env)
  return #env.http:find("GET", "^/api/v1/state$")
end

describe("read loop (long poll)", function()
  it("a change at the bridge reaches the devices at once through the open long poll", function()
    local env = Env.new()
    local bridge = env:paired_and_populated()
    local room = env:room(Env.HOME, LIVING)
    room:clear_events()
    assert.equal(1, env:held_reads())
    local before = env.timers.now
    env.bridge:mutate(function(state) state.homes[1].rooms[1].measuredC = 23.5 end)
    env:advance(0)
    assert.equal(before, env.timers.now)
    assert.equal(23.5, room:latest("main", "temperatureMeasurement", "temperature"))
    -- and the next long poll is open with the new revision
    assert.equal(1, env:held_reads())
    assert.equal('"43"', env.http.held[1].request.headers["if-none-match"])
    assert.equal("long", bridge:get_field("read_mode"))
  end)

  it("a room that appears gets a device filled within a second, not at the next read", function()
    local env = Env.new()
    env:paired_and_populated()
    env.bridge:mutate(function(state)
      local rooms = state.homes[2].rooms
      rooms[#rooms + 1] = {
        id = "4003", name = "Bureau", kind = "valves", reachable = true, measuredC = 16.5, setpointC = 12,
        setpointMode = "away", heating = false, openWindow = false, batteryPercent = 64, signal = "poor", modules = {},
      }
    end)
    env:advance(0) -- the long poll answers; the hub creates the device
    env:advance(1) -- the new device is filled from the document just read
    local room = env:room(Env.VALVE_HOME, "4003")
    assert.is_not_nil(room)
    assert.equal(16.5, room:latest("main", "temperatureMeasurement", "temperature"))
    assert.equal(1, env:held_reads())
  end)

  it("keeps exactly one long poll per bridge when re-armed (the old read ends without a successor)", function()
    local env = Env.new()
    local bridge = env:paired_and_populated()
    env:change_preferences(bridge, { lanToken = env.bridge.token })
    env:advance(1)
    assert.equal(2, env:held_reads()) -- the old one is still open at the bridge...
    env:advance(30)
    assert.equal(1, env:held_reads()) -- ...until its 30 s are over; only the new loop goes on
    env.http:clear()
    env:advance(90)
    assert.equal(3, state_reads(env))
  end)

  it("falls back to a read every pollSeconds against a bridge that ignores wait, without hammering it", function()
    local env = Env.new()
    env.bridge.honours_wait = false
    local bridge = env:paired_and_populated()
    assert.equal("periodic", bridge:get_field("read_mode"))
    assert.truthy(env.log.find("does not hold reads", "info"))
    env.http:clear()
    env:advance(120)
    assert.equal(8, state_reads(env))
    for _, read in ipairs(env.http:find("GET", "^/api/v1/state$")) do assert.equal("30", read.wait) end
    -- a change shows at the next periodic read
    local room = env:room(Env.HOME, LIVING)
    env.bridge:mutate(function(state) state.homes[1].rooms[1].measuredC = 17.5 end)
    env:advance(15)
    assert.equal(17.5, room:latest("main", "temperatureMeasurement", "temperature"))
    assert.equal("online", bridge.status)
  end)

  it("goes back to the long poll by itself once the bridge holds reads again (updated, or a slot freed)", function()
    local env = Env.new()
    env.bridge.honours_wait = false
    local bridge = env:paired_and_populated()
    env.bridge.honours_wait = true
    env:advance(15)
    assert.equal(1, env:held_reads())
    env:advance(30)
    assert.equal("long", bridge:get_field("read_mode"))
    assert.equal(1, env:held_reads())
  end)

  it("a bridge that refuses wait (400) is read without it, periodically, and nothing goes offline", function()
    local env = Env.new()
    env.bridge.refuses_wait = true
    local bridge = env:paired_and_populated()
    assert.equal("online", bridge.status)
    assert.equal(0, bridge:get_field("consecutive_failures"))
    assert.is_not_nil(env:room(Env.HOME, LIVING))
    env.http:clear()
    env:advance(60)
    local reads = env.http:find("GET", "^/api/v1/state$")
    assert.equal(4, #reads)
    for _, read in ipairs(reads) do assert.is_nil(read.wait) end
    assert.equal("periodic", bridge:get_field("read_mode"))
  end)

  it("a long poll the bridge never answers fails at its 35 s timeout; the checks after it are quick", function()
    local env = Env.new()
    local bridge = env:paired_and_populated() -- the open read started 15 s ago
    env.bridge.hang_reads = true
    env:advance(19)
    assert.equal("online", bridge.status)
    assert.equal(0, bridge:get_field("consecutive_failures") or 0)
    env:advance(1) -- 35 s after it started
    assert.equal(1, bridge:get_field("consecutive_failures"))
    assert.equal("online", bridge.status)
    env:advance(20) -- a check without wait after 15 s, cut after its 5 s
    assert.equal("offline", bridge.status)
    assert.equal("offline", env:room(Env.HOME, LIVING).status)
    local last = env.http.requests[#env.http.requests]
    assert.is_nil(last.wait)
    assert.equal(5, last.timeout)

    env.bridge.hang_reads = false
    env:advance(15)
    assert.equal("online", bridge.status)
    assert.equal("online", env:room(Env.HOME, LIVING).status)
    assert.equal(1, env:held_reads()) -- and the long poll is open again
  end)

  it("never reads in a tight loop: a bridge whose state changes on every read is read about once a second", function()
    local env = Env.new()
    local bridge = env:paired_and_populated()
    local handler = env.http.handler
    env.http.handler = function(req, phase)
      if req.path == "/api/v1/state" and not phase then env.bridge:mutate(function() end) end
      return handler(req, phase)
    end
    env.bridge:mutate(function() end)
    env:advance(0)
    env.http:clear()
    env:advance(10)
    local reads = state_reads(env)
    assert.is_true(reads >= 8 and reads <= 12, "reads in 10 s: " .. reads)
    assert.equal("online", bridge.status)
  end)
end)
