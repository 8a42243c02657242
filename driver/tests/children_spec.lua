-- Children: one EDGE_CHILD per home and per heating room; appearing rooms are created,
-- vanished ones reported and offline; deleted ones stay deleted until the next scan.
local Env = require "tests.fakes.env"

describe("children", function()
  it("creates one EDGE_CHILD per home and per room with the documented keys", function()
    local env = Env.new()
    local bridge = env:paired_and_populated()
    local created = env.driver.created
    assert.equal(8, #created) -- bridge + 2 homes + 5 rooms
    local keys = {}
    for i = 2, #created do
      assert.equal("EDGE_CHILD", created[i].type)
      assert.equal(bridge.id, created[i].parent_device_id)
      keys[created[i].parent_assigned_child_key] = created[i].profile
    end
    assert.equal("netatmo-home.v1", keys["home:" .. Env.HOME])
    assert.equal("netatmo-home.v1", keys["home:" .. Env.VALVE_HOME])
    assert.equal("netatmo-room.v1", keys["room:" .. Env.HOME .. ":2746182631"])
    assert.equal("netatmo-room.v1", keys["room:" .. Env.VALVE_HOME .. ":4002"])
    assert.equal("Maison Livingroom", env:room(Env.HOME, "2746182631").label)
    -- no second request while the hub is still creating them
    env:advance(60)
    assert.equal(8, #created)
  end)

  it("creates a room that appears", function()
    local env = Env.new()
    env:paired_and_populated()
    env.bridge:mutate(function(state)
      local rooms = state.homes[2].rooms
      rooms[#rooms + 1] = {
        id = "4003", name = "Bureau", kind = "valves", reachable = true, measuredC = 16.5, setpointC = 12,
        setpointMode = "away", heating = false, openWindow = false, batteryPercent = 64, signal = "poor", modules = {},
      }
    end)
    env:advance(15)
    env:advance(0)
    env:advance(15)
    local room = env:room(Env.VALVE_HOME, "4003")
    assert.is_not_nil(room)
    assert.equal(16.5, room:latest("main", "temperatureMeasurement", "temperature"))
    assert.equal(50, room:latest("main", "signalStrength", "lqi"))
  end)

  it("reports a room that vanished once and keeps it offline; it comes back if the room does", function()
    local env = Env.new()
    env:paired_and_populated()
    local saved
    env.bridge:mutate(function(state) saved = table.remove(state.homes[1].rooms, 2) end)
    env:advance(15)
    local room = env:room(Env.HOME, "3058491207")
    assert.equal("offline", room.status)
    assert.truthy(env.log.find("Maison Bedroom is no longer reported", "warn"))
    env.log.clear()
    env:advance(15)
    assert.is_nil(env.log.find("no longer reported"))
    env.bridge:mutate(function(state) table.insert(state.homes[1].rooms, 2, saved) end)
    env:advance(15)
    assert.equal("online", room.status)
  end)

  it("does not re-create a child the user deleted until the next scan", function()
    local env = Env.new()
    local bridge = env:paired_and_populated()
    local room = env:room(Env.HOME, "2746182631")
    env:remove(room)
    env.bridge:mutate(function(state) state.homes[1].rooms[1].measuredC = 22 end)
    env:advance(300)
    assert.is_nil(env:room(Env.HOME, "2746182631"))
    require("discovery").handle_found(env.driver, { { id = Env.BRIDGE_ID, host = "192.168.1.20", port = 5000 } })
    -- At once, from the last state read (the open long poll has nothing new to say).
    env:advance(0)
    local back = env:room(Env.HOME, "2746182631")
    assert.is_not_nil(back)
    assert.equal(bridge, env:bridge_device())
    env:advance(1)
    assert.equal(22, back:latest("main", "temperatureMeasurement", "temperature"))
  end)
end)
