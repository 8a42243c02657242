-- Pure mapping: canonical state payloads -> capability event descriptors.
local Env = require "tests.fakes.env"
local Bridge = Env.Bridge
local mapping = require "mapping"
local modes = require "modes"
local caps = require "tests.fakes.capabilities"

local function by_key(events)
  local t = {}
  for _, e in ipairs(events) do t[mapping.event_key(e)] = e end
  return t
end

local full = Bridge.fixture("state-full.json")
local maison, chalet = full.homes[1], full.homes[2]

describe("mapping.room_events", function()
  it("maps a thermostat room from state-full.json", function()
    local e = by_key(mapping.room_events(maison.rooms[1]))
    assert.same({ value = 19.8, unit = "C" }, { value = e["main/temperatureMeasurement/temperature"].value, unit = e["main/temperatureMeasurement/temperature"].unit })
    assert.equal(20, e["main/thermostatHeatingSetpoint/heatingSetpoint"].value)
    assert.equal("schedule", e["main/thermostatMode/thermostatMode"].value)
    assert.same({ "schedule", "manual", "heat", "off" }, e["main/thermostatMode/supportedThermostatModes"].value)
    assert.equal("heating", e["main/thermostatOperatingState/thermostatOperatingState"].value)
    assert.equal(75, e["main/battery/battery"].value)
    assert.equal("closed", e["main/contactSensor/contact"].value)
    assert.equal(190, e["main/signalStrength/lqi"].value)
    assert.equal(-58, e["main/signalStrength/rssi"].value)
  end)

  it("shows boost as heat, an open window as open and the weakest valve as the signal", function()
    local bedroom = by_key(mapping.room_events(maison.rooms[2]))
    assert.equal("manual", bedroom["main/thermostatMode/thermostatMode"].value)
    assert.equal(-80, bedroom["main/signalStrength/rssi"].value) -- valves at 72 and 80: 80 is weaker
    assert.equal(40, bedroom["main/battery/battery"].value)
    local bathroom = by_key(mapping.room_events(maison.rooms[3]))
    assert.equal("heat", bathroom["main/thermostatMode/thermostatMode"].value)
    assert.equal("open", bathroom["main/contactSensor/contact"].value)
  end)

  it("shows away forced by the home and leaves unknown values out", function()
    local salon = by_key(mapping.room_events(chalet.rooms[1]))
    assert.equal("away", salon["main/thermostatMode/thermostatMode"].value)
    assert.equal("idle", salon["main/thermostatOperatingState/thermostatOperatingState"].value)
    local chambre = by_key(mapping.room_events(chalet.rooms[2]))
    assert.is_nil(chambre["main/temperatureMeasurement/temperature"])
    assert.is_nil(chambre["main/thermostatHeatingSetpoint/heatingSetpoint"])
    assert.is_nil(chambre["main/battery/battery"])
    assert.is_nil(chambre["main/contactSensor/contact"])
    assert.is_nil(chambre["main/signalStrength/lqi"])
    assert.is_nil(chambre["main/thermostatOperatingState/thermostatOperatingState"])
    assert.equal("away", chambre["main/thermostatMode/thermostatMode"].value)
  end)

  it("skips a mode it does not know instead of emitting an invalid enum", function()
    local e = by_key(mapping.room_events({ id = "1", setpointMode = "turbo" }))
    assert.is_nil(e["main/thermostatMode/thermostatMode"])
  end)
end)

describe("mapping.home_events", function()
  it("maps mode, schedules and both links", function()
    local e = by_key(mapping.home_events(maison, full.netatmo, true))
    assert.equal("schedule", e["main/thermostatMode/thermostatMode"].value)
    assert.same({ "schedule", "away", "frostguard" }, e["main/thermostatMode/supportedThermostatModes"].value)
    assert.equal("Default", e["main/mode/mode"].value)
    assert.same({ "Default", "Winter" }, e["main/mode/supportedModes"].value)
    assert.equal("closed", e["hubLink/contactSensor/contact"].value)
    assert.equal("closed", e["cloudLink/contactSensor/contact"].value)
    assert.equal("away", by_key(mapping.home_events(chalet, full.netatmo, true))["main/thermostatMode/thermostatMode"].value)
  end)

  it("opens cloudLink when the data is stale or Netatmo needs a new login, hubLink when the hub lost the bridge", function()
    local degraded = Bridge.fixture("state-degraded.json")
    assert.equal("open", by_key(mapping.home_events(maison, degraded.netatmo, true))["cloudLink/contactSensor/contact"].value)
    local auth = Bridge.fixture("state-auth-required.json")
    assert.equal("open", by_key(mapping.home_events(maison, auth.netatmo, true))["cloudLink/contactSensor/contact"].value)
    -- Moved to another machine (a status this driver version may not know): the last state, link open.
    local moved = Bridge.fixture("state-moved.json")
    assert.equal("open", by_key(mapping.home_events(maison, moved.netatmo, true))["cloudLink/contactSensor/contact"].value)
    assert.equal("open", by_key(mapping.home_events(maison, full.netatmo, false))["hubLink/contactSensor/contact"].value)
    assert.is_false(mapping.cloud_link_ok(nil))
  end)

  it("says nothing about cloudLink while the bridge is starting", function()
    local starting = Bridge.fixture("state-starting.json")
    assert.is_true(mapping.is_starting(starting.netatmo))
    assert.is_nil(mapping.cloud_link_ok(starting.netatmo))
    local e = by_key(mapping.home_events(maison, starting.netatmo, true))
    assert.is_nil(e["cloudLink/contactSensor/contact"])
    assert.equal("closed", e["hubLink/contactSensor/contact"].value)
    assert.is_nil(by_key(mapping.bridge_events(starting.netatmo, true))["cloudLink/contactSensor/contact"])
  end)
end)

describe("mapping.diff", function()
  it("returns only the events whose value changed", function()
    local first, last = mapping.diff(mapping.room_events(maison.rooms[1]), {})
    assert.equal(9, #first)
    local same = mapping.diff(mapping.room_events(maison.rooms[1]), last)
    assert.equal(0, #same)
    local warmer = {}
    for k, v in pairs(maison.rooms[1]) do warmer[k] = v end
    warmer.measuredC = 20.3
    local changed = mapping.diff(mapping.room_events(warmer), last)
    assert.equal(1, #changed)
    assert.equal("temperature", changed[1].attribute)
    assert.equal(20.3, changed[1].value)
  end)
end)

describe("mode names", function()
  it("maps every mode onto a value the hub's thermostatMode enum accepts", function()
    for _, list in ipairs({ modes.HOME_SUPPORTED, modes.ROOM_SUPPORTED }) do
      assert.has_no.errors(function() caps.thermostatMode.supportedThermostatModes(list) end)
    end
    for _, map in ipairs({ modes.HOME_TO_ST, modes.ROOM_TO_ST }) do
      for ours, st in pairs(map) do
        assert.has_no.errors(function() caps.thermostatMode.thermostatMode(st) end, ours)
      end
    end
  end)

  it("the fake capabilities reject what the hub rejects", function()
    assert.has_error(function() caps.thermostatMode.thermostatMode("boost") end)
    assert.has_error(function() caps.thermostatMode.supportedThermostatModes({ "schedule", "hg" }) end)
    assert.has_error(function() caps.battery.battery(101) end)
    assert.has_error(function() caps.battery.battery(50.5) end)
    assert.has_error(function() caps.temperatureMeasurement.temperature(20) end) -- unit missing
    assert.has_error(function() caps.signalStrength.rssi({ value = 10, unit = "dBm" }) end)
    assert.has_error(function() caps.contactSensor.contact("ajar") end)
    assert.has_error(function() return caps.notACapability end)
  end)
end)
