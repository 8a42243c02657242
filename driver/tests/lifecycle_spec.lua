-- Lifecycle: init (re)arms polling, also after a hub reboot; infoChanged; removed.
local Env = require "tests.fakes.env"

local function state_reads(env)
  return #env.http:find("GET", "^/api/v1/state$")
end

describe("lifecycle", function()
  it("registers its handlers under lifecycle_handlers (the key the hub reads)", function()
    local env = Env.new()
    local handlers = env.driver.template.lifecycle_handlers
    for _, event in ipairs({ "init", "added", "infoChanged", "removed" }) do
      assert.is_function(handlers[event], event)
    end
    assert.is_nil(env.driver.template.lifecycle)
  end)

  it("init starts the reads: the first after 1 s, then one long poll always open", function()
    local env = Env.new()
    local bridge = env:add_bridge()
    assert.equal(1, #env.timers:active("poll"))
    env:advance(1)
    local reads = env.http:find("GET", "^/api/v1/state$")
    assert.equal(2, #reads)                               -- the document (200), then the long poll
    assert.equal("30", reads[2].wait)
    assert.equal('"42"', reads[2].headers["if-none-match"])
    assert.equal(35, reads[2].timeout)                    -- a little longer than the bridge's 30 s
    assert.equal(1, env:held_reads())
    assert.equal(0, #env.timers:active("poll"))          -- no timer while a read is open
    env:advance(29)
    assert.equal(2, state_reads(env))
    env:advance(1)                                        -- 304 after 30 s, the next one at once
    assert.equal(3, state_reads(env))
    assert.equal(1, env:held_reads())
    env:advance(60)
    assert.equal(5, state_reads(env))
    assert.equal("online", bridge.status)
    assert.equal("long", bridge:get_field("read_mode"))
    assert.same({}, env.driver.unhandled)
  end)

  it("against a bridge that ignores wait, reads every pollSeconds (default 15 s)", function()
    local env = Env.new()
    env.bridge.honours_wait = false
    local bridge = env:add_bridge()
    env:advance(1)
    assert.equal(2, state_reads(env))                     -- 200, then a 304 that came at once
    assert.equal("periodic", bridge:get_field("read_mode"))
    env:advance(15)
    assert.equal(3, state_reads(env))
    env:advance(45)
    assert.equal(6, state_reads(env))
    assert.equal(0, env:held_reads())
    assert.equal("online", bridge.status)
  end)

  it("a hub reboot re-arms polling from init alone, with the persisted address and token", function()
    local env = Env.new()
    local bridge = env:paired_and_populated()
    local room = env:room(Env.HOME, "2746182631")
    assert.equal(1, env:held_reads())
    env:reboot()
    assert.equal(0, env:held_reads())                   -- the reboot killed the open read and every timer...
    local polls = env.timers:active("poll")
    assert.equal(1, #polls)                             -- ...and init alone armed the first read
    assert.equal(polls[1], bridge:get_field("poll_timer"))
    env.http:clear()
    env.bridge:mutate(function(state) state.homes[1].rooms[1].measuredC = 21.4 end)
    env:advance(1)
    assert.equal(2, state_reads(env))                   -- the document, then the long poll
    assert.equal(0, #env.http:find("POST", "^/api/v1/pair$")) -- the paired token was persisted
    assert.equal(21.4, room:latest("main", "temperatureMeasurement", "temperature"))
    env:advance(150)
    assert.equal(7, state_reads(env))                   -- one every 30 s while nothing changes
    assert.equal(1, env:held_reads())
  end)

  it("infoChanged with a new poll interval re-arms the reads with it", function()
    local env = Env.new()
    env.bridge.honours_wait = false
    local bridge = env:paired_and_populated()
    env:change_preferences(bridge, { pollSeconds = 60 })
    local polls = env.timers:active("poll")
    assert.equal(1, #polls)
    env.http:clear()
    env:advance(121)
    assert.equal(3, state_reads(env)) -- first read after 1 s, then at 61 and 121
  end)

  it("infoChanged that touches no connection setting leaves polling alone", function()
    local env = Env.new()
    local bridge = env:paired_and_populated()
    env.http:clear()
    env:change_preferences(bridge, { boostMinutes = 60 })
    env:advance(1)
    assert.equal(0, #env.timers:active("poll"))
    assert.equal(1, env:held_reads())
    assert.equal(0, state_reads(env))
  end)

  it("removing the bridge stops its reads: the open one ends without a successor", function()
    local env = Env.new()
    local bridge = env:paired_and_populated()
    env:remove(bridge)
    assert.equal(0, #env.timers:active("poll"))
    env.http:clear()
    env:advance(60)
    assert.equal(0, state_reads(env))
    assert.equal(0, env:held_reads())
  end)
end)
