-- Discovery handler: SSDP replies become LAN bridge devices (network id from the USN, address
-- from LOCATION); a known bridge gets its new address; the address preference wins.
local Env = require "tests.fakes.env"

local function reply(id, location)
  return table.concat({
    "HTTP/1.1 200 OK", "CACHE-CONTROL: max-age=1800", "EXT:", "LOCATION: " .. location,
    "SERVER: Linux UPnP/1.0 netatmo-smartthings-bridge/1.0.0",
    "ST: urn:netatmo-smartthings-bridge:device:bridge:1",
    "USN: uuid:" .. id .. "::urn:netatmo-smartthings-bridge:device:bridge:1", "", "",
  }, "\r\n")
end

local function scan(env, replies)
  local discovery = require "discovery"
  discovery.search_options.socket = Env.Udp.module(replies)
  local rounds = 0
  env.driver.discovery(env.driver, {}, function() rounds = rounds + 1; return rounds == 1 end)
  env:advance(0)
end

describe("discovery", function()
  it("creates one LAN device per bridge, id from USN and address from LOCATION", function()
    local env = Env.new()
    scan(env, {
      { data = reply(Env.BRIDGE_ID, "http://192.168.1.20:5000/api/v1/description"), ip = "192.168.1.20" },
    })
    local created = env.driver.created[1]
    assert.same({ "LAN", Env.BRIDGE_ID, "netatmo-bridge.v1" }, { created.type, created.device_network_id, created.profile })
    local bridge = env:bridge_device()
    assert.equal("192.168.1.20:5000", bridge:get_field("bridge_address"))
    env:advance(1)
    assert.equal("192.168.1.20", env.http:find("POST", "^/api/v1/pair$")[1].host)
  end)

  it("a second scan updates a known bridge's address instead of creating another device", function()
    local env = Env.new()
    local bridge = env:paired_and_populated()
    scan(env, { { data = reply(Env.BRIDGE_ID, "http://192.168.1.99:5001/api/v1/description"), ip = "192.168.1.99" } })
    assert.equal(8, #env.driver.created)
    assert.equal("192.168.1.99:5001", bridge:get_field("bridge_address"))
    env.http:clear()
    env:advance(30) -- the long poll open at the old address ends; the next read goes to the new one
    assert.equal("192.168.1.99", env.http:find("GET", "^/api/v1/state$")[1].host)
  end)

  it("asks the hub once for a bridge whose device has not arrived by the next scan round", function()
    local env = Env.new()
    local discovery = require "discovery"
    discovery.search_options.socket = Env.Udp.module({
      { data = reply(Env.BRIDGE_ID, "http://192.168.1.20:5000/api/v1/description"), ip = "192.168.1.20" },
    })
    -- A slow hub: the device (and its `added`) does not come while the scan goes on.
    env.driver.try_create_device = function(self, meta) self.created[#self.created + 1] = meta end
    local function scan_rounds(n)
      local rounds = 0
      env.driver.discovery(env.driver, {}, function() rounds = rounds + 1; return rounds <= n end)
    end
    scan_rounds(3)
    assert.equal(1, #env.driver.created)
    env:advance(60)
    scan_rounds(2)
    assert.equal(1, #env.driver.created)
    -- A request the hub lost for good is asked again, as for children.
    env:advance(90)
    scan_rounds(1)
    assert.equal(2, #env.driver.created)
    assert.equal(Env.BRIDGE_ID, env.driver.created[2].device_network_id)
  end)

  it("the address preference wins over what discovery found", function()
    local env = Env.new()
    local bridge = env:paired_and_populated()
    env:change_preferences(bridge, { bridgeAddress = "bridge.lan:6000" })
    scan(env, { { data = reply(Env.BRIDGE_ID, "http://192.168.1.99:5001/api/v1/description"), ip = "192.168.1.99" } })
    env.http:clear()
    env:advance(15)
    local read = env.http:find("GET", "^/api/v1/state$")[1]
    assert.same({ "bridge.lan", 6000 }, { read.host, read.port })
  end)
end)

describe("discovery without answers", function()
  it("creates one bridge device to configure by address after three silent rounds", function()
    local env = Env.new()
    local discovery = require "discovery"
    discovery.search_options.socket = Env.Udp.module({})
    local rounds = 0
    env.driver.discovery(env.driver, {}, function() rounds = rounds + 1; return rounds <= 4 end)
    env:advance(0)
    assert.equal(1, #env.driver.created)
    assert.equal("netatmo-bridge-manual", env.driver.created[1].device_network_id)
    assert.truthy(env.log.find("set its Bridge address", "warn"))
    local bridge = env:bridge_device("netatmo-bridge-manual")
    env:change_preferences(bridge, { bridgeAddress = "192.168.1.20" })
    env:advance(1)
    local read = env.http:find("GET", "^/api/v1/state$")[1]
    assert.same({ "192.168.1.20", 5000 }, { read.host, read.port })
  end)
end)
