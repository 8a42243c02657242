-- Watchdog: a driver-level timer re-arms a bridge's poll that stopped running.
local Env = require "tests.fakes.env"

describe("watchdog", function()
  it("is armed when the driver starts", function()
    local env = Env.new()
    assert.equal(1, #env.timers:active("poll watchdog"))
    assert.equal(60, env.timers:active("poll watchdog")[1].interval)
  end)

  it("re-arms a read loop that died and leaves a live one alone", function()
    local env = Env.new()
    env:paired_and_populated()
    env:advance(120)
    env:advance(120)
    assert.is_nil(env.log.find("poll has not run"))

    -- the task holding the open read silently disappears (what happened to the earlier driver's
    -- timer could happen to a task): no read ends, none starts
    env.http:drop_held()
    env.http:clear()
    env:advance(60)
    assert.equal(0, #env.http:find("GET", "^/api/v1/state$"))
    env:advance(60)
    assert.truthy(env.log.find("poll has not run", "warn"))
    env:advance(1)
    assert.equal(1, #env.http:find("GET", "^/api/v1/state$")) -- a long poll open again
    assert.equal(1, env:held_reads())
  end)

  it("does not mistake a long poll held for its whole 30 s for a dead loop, even at a 5 s interval", function()
    local env = Env.new()
    local bridge = env:paired_and_populated()
    env:change_preferences(bridge, { pollSeconds = 5 })
    env:advance(600)
    assert.is_nil(env.log.find("poll has not run"))
    assert.equal(1, env:held_reads())
  end)
end)
