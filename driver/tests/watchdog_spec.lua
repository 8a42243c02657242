-- Watchdog: a driver-level timer re-arms a bridge's poll that stopped running.
local Env = require "tests.fakes.env"

describe("watchdog", function()
  it("is armed when the driver starts", function()
    local env = Env.new()
    assert.equal(1, #env.timers:active("poll watchdog"))
    assert.equal(60, env.timers:active("poll watchdog")[1].interval)
  end)

  it("re-arms a poll that died and leaves a live one alone", function()
    local env = Env.new()
    local bridge = env:paired_and_populated()
    env.timers:advance(120)
    assert.is_nil(env.log.find("poll has not run"))

    -- the poll timer silently disappears (what happened to the earlier driver)
    env.timers:cancel(bridge:get_field("poll_timer"))
    env.http:clear()
    env:advance(60)
    assert.equal(0, #env.http:find("GET", "^/api/v1/state$"))
    env:advance(60)
    assert.truthy(env.log.find("poll has not run", "warn"))
    assert.equal(1, #env.timers:active("poll"))
    local before = #env.http:find("GET", "^/api/v1/state$")
    env:advance(30)
    assert.is_true(#env.http:find("GET", "^/api/v1/state$") >= before + 2)
  end)
end)
