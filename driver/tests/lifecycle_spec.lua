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

  it("init arms a poll every pollSeconds (default 15 s)", function()
    local env = Env.new()
    local bridge = env:add_bridge()
    assert.equal(1, #env.timers:active("poll"))
    env:advance(1)
    assert.equal(1, state_reads(env))
    env:advance(15)
    assert.equal(2, state_reads(env))
    env:advance(45)
    assert.equal(5, state_reads(env))
    assert.equal("online", bridge.status)
    assert.same({}, env.driver.unhandled)
  end)

  it("a hub reboot re-arms polling from init alone, with the persisted address and token", function()
    local env = Env.new()
    local bridge = env:paired_and_populated()
    local room = env:room(Env.HOME, "2746182631")
    local before = bridge:get_field("poll_timer")
    env:reboot()
    assert.truthy(before.cancelled)                      -- the reboot killed every timer...
    local polls = env.timers:active("poll")
    assert.equal(1, #polls)                             -- ...and init alone armed a new poll
    assert.equal(polls[1], bridge:get_field("poll_timer"))
    env.http:clear()
    env.bridge:mutate(function(state) state.homes[1].rooms[1].measuredC = 21.4 end)
    env:advance(1)
    assert.equal(1, state_reads(env))
    assert.equal(0, #env.http:find("POST", "^/api/v1/pair$")) -- the paired token was persisted
    assert.equal(21.4, room:latest("main", "temperatureMeasurement", "temperature"))
    env:advance(150)
    assert.equal(11, state_reads(env))
  end)

  it("infoChanged with a new poll interval re-arms the timer with it", function()
    local env = Env.new()
    local bridge = env:paired_and_populated()
    env:change_preferences(bridge, { pollSeconds = 60 })
    local polls = env.timers:active("poll")
    assert.equal(1, #polls)
    assert.equal(60, polls[1].interval)
    env.http:clear()
    env:advance(121)
    assert.equal(3, state_reads(env)) -- first poll after 1 s, then at 60 and 120
  end)

  it("infoChanged that touches no connection setting leaves polling alone", function()
    local env = Env.new()
    local bridge = env:paired_and_populated()
    local timer = env.timers:active("poll")[1]
    env:change_preferences(bridge, { boostMinutes = 60 })
    assert.equal(timer, env.timers:active("poll")[1])
  end)

  it("removing the bridge stops its poll", function()
    local env = Env.new()
    local bridge = env:paired_and_populated()
    env:remove(bridge)
    assert.equal(0, #env.timers:active("poll"))
  end)
end)
