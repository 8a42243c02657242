-- Only changed attributes are emitted; events go to the right component of the real profile.
local Env = require "tests.fakes.env"

local LIVING = "2746182631"

describe("emitting", function()
  it("fills every device once, then emits only what changed", function()
    local env = Env.new()
    env:paired_and_populated()
    local room, home = env:room(Env.HOME, LIVING), env:home(Env.HOME)
    assert.equal(9, #room.events)
    assert.equal(6, #home.events)
    for _, d in ipairs(env.devices) do d:clear_events() end

    env:advance(15) -- 304: nothing new
    assert.equal(0, #room.events)
    assert.equal(0, #home.events)

    env.bridge:mutate(function(state) state.homes[1].rooms[1].measuredC = 20.4 end)
    env:advance(15)
    assert.equal(1, #room.events)
    assert.same({ "temperatureMeasurement", "temperature", 20.4, "C" },
      { room.events[1].capability, room.events[1].attribute, room.events[1].value, room.events[1].unit })
    assert.equal(0, #home.events)
    assert.equal(0, #env:room(Env.HOME, "3058491207").events)
  end)

  it("uses ETag: the read after a 200 asks If-None-Match with the revision", function()
    local env = Env.new()
    env.bridge.honours_wait = false
    env:paired_and_populated()
    env.http:clear()
    env:advance(15)
    local read = env.http:find("GET", "^/api/v1/state$")[1]
    assert.equal('"42"', read.headers["if-none-match"])
    assert.equal("30", read.wait)   -- still asks to be held: holding resumes when the bridge can
    assert.equal(35, read.timeout)
  end)

  it("hides the supported-values lists from the history", function()
    local env = Env.new()
    env:paired_and_populated()
    local _, event = env:room(Env.HOME, LIVING):latest("main", "thermostatMode", "supportedThermostatModes")
    assert.same({ displayed = false }, event.visibility)
  end)

  it("a value the hub would reject is logged and skipped, the others still go out", function()
    local env = Env.new()
    env:paired_and_populated()
    local room = env:room(Env.HOME, LIVING)
    room:clear_events()
    env.bridge:mutate(function(state) state.homes[1].rooms[1].measuredC = 18.0 end)
    env:advance(15)
    local emitter = require "emitter"
    local count = emitter.emit_changed(room, {
      { component = "main", capability = "contactSensor", attribute = "contact", value = "ajar" },
      { component = "main", capability = "battery", attribute = "battery", value = 12 },
    })
    assert.equal(1, count)
    assert.truthy(env.log.find("cannot emit main/contactSensor/contact", "warn"))
    assert.equal(12, room:latest("main", "battery", "battery"))
    assert.equal(18.0, room:latest("main", "temperatureMeasurement", "temperature"))
  end)
end)
