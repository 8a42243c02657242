-- Commands: each capability command sends the request of the canonical fixture, and the
-- answer's home is applied at once (no poll needed).
local Env = require "tests.fakes.env"
local Bridge = Env.Bridge

local LIVING = "2746182631"

local function last_post(env)
  local posts = env.http:find("POST")
  return posts[#posts]
end

local function assert_request(env, fixture_name)
  local expected = Bridge.fixture(fixture_name)
  local request = last_post(env)
  assert.is_not_nil(request, "no request sent")
  assert.equal(expected.method, request.method)
  assert.equal(expected.path, request.path)
  assert.same(expected.body, request.body)
  assert.equal("Bearer " .. env.bridge.token, request.headers.authorization)
  return request
end

describe("commands", function()
  local env, bridge
  before_each(function()
    env = Env.new()
    bridge = env:paired_and_populated()
    env.http:clear()
  end)

  it("room setHeatingSetpoint -> POST .../setpoint, applied at once", function()
    local room = env:room(Env.HOME, LIVING)
    env.driver:command(room, "thermostatHeatingSetpoint", "setHeatingSetpoint", { setpoint = 21.5 })
    assert_request(env, "command-setpoint.request.json")
    assert.equal(21.5, room:latest("main", "thermostatHeatingSetpoint", "heatingSetpoint"))
    assert.equal("manual", room:latest("main", "thermostatMode", "thermostatMode"))
  end)

  it("room setpoint: snapped to 0.5 steps, clamped to 7–30, °F converted, override duration sent", function()
    local room = env:room(Env.HOME, LIVING)
    bridge.preferences.overrideMinutes = 90
    env.driver:command(room, "thermostatHeatingSetpoint", "setHeatingSetpoint", { setpoint = 21.3 })
    assert.same({ temperatureC = 21.5, durationMinutes = 90 }, last_post(env).body)
    env.driver:command(room, "thermostatHeatingSetpoint", "setHeatingSetpoint", { setpoint = 35 })
    assert.equal(30, last_post(env).body.temperatureC)
    env.driver:command(room, "thermostatHeatingSetpoint", "setHeatingSetpoint", { setpoint = 68 })
    assert.equal(20, last_post(env).body.temperatureC)
  end)

  it("room heat (boost) -> POST .../mode {boost, boost duration}", function()
    local room = env:room(Env.HOME, LIVING)
    env.driver:command(room, "thermostatMode", "setThermostatMode", { mode = "heat" })
    assert_request(env, "command-room-mode.request.json")
    assert.equal("heat", room:latest("main", "thermostatMode", "thermostatMode"))
    assert.equal(30, room:latest("main", "thermostatHeatingSetpoint", "heatingSetpoint"))
  end)

  it("room schedule / manual / off and the enum shortcut commands", function()
    local room = env:room(Env.HOME, LIVING)
    local path = "/api/v1/homes/" .. Env.HOME .. "/rooms/" .. LIVING .. "/mode"
    env.driver:command(room, "thermostatMode", "setThermostatMode", { mode = "schedule" })
    assert.same({ path = path, body = { mode = "schedule" } }, { path = last_post(env).path, body = last_post(env).body })
    env.driver:command(room, "thermostatMode", "setThermostatMode", { mode = "manual" })
    assert.same({ mode = "manual" }, last_post(env).body)
    env.driver:command(room, "thermostatMode", "off")
    assert.same({ mode = "off" }, last_post(env).body)
    env.driver:command(room, "thermostatMode", "auto")
    assert.same({ mode = "schedule" }, last_post(env).body)
  end)

  it("a room cannot be set to away: nothing is sent and the real mode is shown again", function()
    local room = env:room(Env.HOME, LIVING)
    room:clear_events()
    env.driver:command(room, "thermostatMode", "setThermostatMode", { mode = "away" })
    assert.equal(0, #env.http:find("POST"))
    assert.equal("schedule", room:latest("main", "thermostatMode", "thermostatMode"))
  end)

  it("home setThermostatMode away -> POST /homes/:id/mode with the away duration", function()
    local home = env:home(Env.HOME)
    bridge.preferences.awayHours = 12
    env.driver:command(home, "thermostatMode", "setThermostatMode", { mode = "away" })
    assert_request(env, "command-home-mode.request.json")
    assert.equal("away", home:latest("main", "thermostatMode", "thermostatMode"))
    -- rooms that followed the schedule now show away, at once
    assert.equal("away", env:room(Env.HOME, LIVING):latest("main", "thermostatMode", "thermostatMode"))
  end)

  it("home frostguard and schedule send no duration", function()
    local home = env:home(Env.HOME)
    env.driver:command(home, "thermostatMode", "setThermostatMode", { mode = "frostguard" })
    assert.same({ mode = "frostguard" }, last_post(env).body)
    env.driver:command(home, "thermostatMode", "setThermostatMode", { mode = "schedule" })
    assert.same({ mode = "schedule" }, last_post(env).body)
  end)

  it("home setMode (weekly schedule by name) -> POST /homes/:id/schedule with its id", function()
    local home = env:home(Env.HOME)
    env.driver:command(home, "mode", "setMode", { mode = "Winter" })
    assert_request(env, "command-schedule.request.json")
    assert.equal("Winter", home:latest("main", "mode", "mode"))
  end)

  it("an unknown schedule name sends nothing", function()
    env.driver:command(env:home(Env.HOME), "mode", "setMode", { mode = "Holidays" })
    assert.equal(0, #env.http:find("POST"))
  end)

  it("momentary push (Back to schedule) -> POST /homes/:id/back-to-schedule", function()
    env.driver:command(env:home(Env.HOME), "momentary", "push")
    assert_request(env, "command-back-to-schedule.request.json")
    assert.equal("schedule", env:room(Env.HOME, "1122334455"):latest("main", "thermostatMode", "thermostatMode"))
  end)

  it("refresh on any device -> POST /api/v1/refresh, then a full state read", function()
    env.driver:command(env:room(Env.HOME, LIVING), "refresh", "refresh")
    local request = assert_request(env, "command-refresh.request.json")
    assert.is_nil(request.body)
    local reads = env.http:find("GET", "^/api/v1/state$")
    assert.equal(1, #reads)
    assert.is_nil(reads[1].headers["if-none-match"])
    env.driver:command(bridge, "refresh", "refresh")
    assert.equal(2, #env.http:find("POST", "^/api/v1/refresh$"))
  end)

  it("a refused command is logged with its error code and the real state is shown again", function()
    local room = env:room(Env.HOME, LIVING)
    env.bridge:fail_with("POST", "/api/v1/homes/" .. Env.HOME .. "/rooms/" .. LIVING .. "/mode", "not_supported")
    room:clear_events()
    env.driver:command(room, "thermostatMode", "setThermostatMode", { mode = "heat" })
    assert.truthy(env.log.find("not_supported", "warn"))
    assert.equal("schedule", room:latest("main", "thermostatMode", "thermostatMode"))
    assert.equal(20, room:latest("main", "thermostatHeatingSetpoint", "heatingSetpoint"))
  end)

  it("after a command the open long poll brings the whole new document", function()
    env.driver:command(env:room(Env.HOME, LIVING), "thermostatHeatingSetpoint", "setHeatingSetpoint", { setpoint = 21.5 })
    env:advance(0)
    assert.equal('"45"', env:bridge_device():get_field("state_etag"))
    assert.equal(45, env:bridge_device():get_field("last_state").revision)
    assert.equal(1, env:held_reads())
  end)

  it("periodic reads: the next read after a command reads the whole document again (no stale ETag)", function()
    local periodic = Env.new()
    periodic.bridge.honours_wait = false
    periodic:paired_and_populated()
    periodic.http:clear()
    periodic.driver:command(periodic:room(Env.HOME, LIVING), "thermostatHeatingSetpoint", "setHeatingSetpoint", { setpoint = 21.5 })
    periodic:advance(15)
    local reads = periodic.http:find("GET", "^/api/v1/state$")
    assert.is_nil(reads[1].headers["if-none-match"])
  end)

  it("a command that raises inside a handler is contained (the driver keeps running)", function()
    local room = env:room(Env.HOME, LIVING)
    assert.has_no.errors(function()
      env.driver:command(room, "thermostatHeatingSetpoint", "setHeatingSetpoint", { setpoint = "warm" })
    end)
    assert.equal(0, #env.http:find("POST"))
  end)
end)
