-- Health: two failed polls -> hubLink open and everything offline; recovery by itself;
-- cloudLink from netatmo.status / stale; unreachable rooms offline; re-discovery with back-off.
local Env = require "tests.fakes.env"

local LIVING, BEDROOM = "2746182631", "3058491207"

describe("health", function()
  it("one failed read changes nothing, two take the link down, the next good read restores it", function()
    local env = Env.new()
    local bridge = env:paired_and_populated()
    local home, room = env:home(Env.HOME), env:room(Env.HOME, LIVING)
    assert.equal("closed", home:latest("hubLink", "contactSensor", "contact"))

    -- The bridge goes away: the open long poll fails at once (first failure)...
    env.http.down = true
    env:advance(0)
    assert.equal("online", bridge.status)
    assert.equal("online", room.status)
    assert.equal("closed", home:latest("hubLink", "contactSensor", "contact"))
    local retry = env.timers:active("poll")[1]
    assert.equal(env.timers.now + 15, retry.at)

    -- ...and the check one interval later, without wait and with the short timeout, is the second.
    env:advance(15)
    local last = env.http.requests[#env.http.requests]
    assert.is_nil(last.wait)
    assert.equal(5, last.timeout)
    assert.equal("offline", bridge.status)
    assert.equal("offline", room.status)
    assert.equal("offline", home.status)
    assert.equal("open", home:latest("hubLink", "contactSensor", "contact"))
    assert.equal("open", bridge:latest("hubLink", "contactSensor", "contact"))
    assert.truthy(env.log.find("bridge lost", "warn"))

    env.http.down = false
    env:advance(15)
    assert.equal("online", bridge.status)
    assert.equal("online", room.status)
    assert.equal("online", home.status)
    assert.equal("closed", home:latest("hubLink", "contactSensor", "contact"))
    assert.equal("closed", bridge:latest("hubLink", "contactSensor", "contact"))
  end)

  it("a bridge that answers 5xx to the state counts as a failed poll", function()
    local env = Env.new()
    local bridge = env:paired_and_populated()
    env.bridge.overrides["GET /api/v1/state"] = { status = 500, body = { error = { code = "internal_error", message = "boom" } } }
    env:advance(30)
    assert.equal("offline", bridge.status)
  end)

  it("opens cloudLink while Netatmo data is stale and marks an unreachable room offline", function()
    local env = Env.new()
    env:paired_and_populated()
    local home = env:home(Env.HOME)
    env.bridge:use_state("state-degraded.json")
    env:advance(15)
    assert.equal("open", home:latest("cloudLink", "contactSensor", "contact"))
    assert.equal("closed", home:latest("hubLink", "contactSensor", "contact"))
    assert.equal("offline", env:room(Env.HOME, BEDROOM).status)
    assert.equal("online", env:room(Env.HOME, LIVING).status)

    env.bridge:use_state("state-full.json")
    env.bridge.state.revision = 50
    env:advance(15)
    assert.equal("closed", home:latest("cloudLink", "contactSensor", "contact"))
    assert.equal("online", env:room(Env.HOME, BEDROOM).status)
  end)

  it("a bridge that is starting marks nothing offline and leaves cloudLink as it was", function()
    local env = Env.new()
    env:paired_and_populated()
    local home, room = env:home(Env.HOME), env:room(Env.HOME, LIVING)
    env.bridge:use_state("state-degraded.json")
    env:advance(15)
    assert.equal("open", home:latest("cloudLink", "contactSensor", "contact"))

    -- Restarted: the saved homes, marked stale, status starting.
    env.bridge:use_state("state-starting.json")
    env.bridge.state.revision = 60
    env:advance(15)
    assert.equal("online", room.status)
    assert.equal("online", home.status)
    assert.equal("open", home:latest("cloudLink", "contactSensor", "contact"))
    assert.equal("closed", home:latest("hubLink", "contactSensor", "contact"))

    -- A first start without data: no homes yet, and still nothing vanished.
    env.bridge:mutate(function(state) state.homes = {} end)
    env:advance(15)
    assert.equal("online", room.status)
    assert.equal("online", env:room(Env.VALVE_HOME, "4001").status)
    assert.is_nil(env.log.find("no longer reported by the bridge", "warn"))

    -- The first poll ended: everything is shown as the bridge says again.
    env.bridge:use_state("state-full.json")
    env.bridge.state.revision = 70
    env:advance(15)
    assert.equal("closed", home:latest("cloudLink", "contactSensor", "contact"))
    assert.equal("online", room.status)
  end)

  it("a home Netatmo refuses goes offline on its own; the other home stays online", function()
    local env = Env.new()
    env:paired_and_populated()
    env.bridge:use_state("state-home-refused.json")
    env.bridge.state.revision = 80
    env:advance(15)
    assert.equal("offline", env:home(Env.VALVE_HOME).status)
    assert.equal("offline", env:room(Env.VALVE_HOME, "4001").status)
    assert.equal("online", env:home(Env.HOME).status)
    assert.equal("online", env:room(Env.HOME, LIVING).status)
    -- Netatmo itself answers (degraded, fresh): the cloud link stays closed.
    assert.equal("closed", env:home(Env.HOME):latest("cloudLink", "contactSensor", "contact"))
  end)

  it("takes every room of an unreachable home offline", function()
    local env = Env.new()
    env:paired_and_populated()
    env.bridge:mutate(function(state) state.homes[2].reachable = false end)
    env:advance(15)
    assert.equal("offline", env:home(Env.VALVE_HOME).status)
    assert.equal("offline", env:room(Env.VALVE_HOME, "4001").status)
    assert.equal("online", env:room(Env.HOME, LIVING).status)
  end)

  it("looks for a bridge that moved, with back-off, and polls it at its new address", function()
    local moved = table.concat({
      "HTTP/1.1 200 OK", "CACHE-CONTROL: max-age=1800", "EXT:",
      "LOCATION: http://192.168.1.77:5000/api/v1/description",
      "SERVER: Linux UPnP/1.0 netatmo-smartthings-bridge/1.0.0",
      "ST: urn:netatmo-smartthings-bridge:device:bridge:1",
      "USN: uuid:" .. Env.BRIDGE_ID .. "::urn:netatmo-smartthings-bridge:device:bridge:1", "", "",
    }, "\r\n")
    local env = Env.new({ ssdp_replies = {} })
    local bridge = env:paired_and_populated()
    env.http.handler = function(req)
      if req.host ~= "192.168.1.77" then return nil, "timeout" end
      return env.bridge:handle(req)
    end
    env:advance(30) -- two failures: link down, re-discovery scheduled in 15 s
    assert.equal("offline", bridge.status)
    assert.equal(1, #env.timers:active("rediscovery"))
    env:advance(15) -- first search: nobody answers; next try in 30 s
    assert.equal(30, bridge:get_field("rediscovery_delay_s"))
    -- the bridge answers the next search from its new address
    local discovery = require "discovery"
    discovery.search_options.socket = Env.Udp.module({ { data = moved, ip = "192.168.1.77", port = 1900 } })
    env:advance(30)
    assert.equal("192.168.1.77:5000", bridge:get_field("bridge_address"))
    assert.equal("online", bridge.status)
    assert.equal("online", env:room(Env.HOME, LIVING).status)
  end)

  it("does not search when the address preference is set: the preference wins", function()
    local env = Env.new()
    local bridge = env:paired_and_populated()
    env:change_preferences(bridge, { bridgeAddress = "10.1.2.3:5050" })
    env.http:clear()
    env:advance(1)
    local reads = env.http:find("GET", "^/api/v1/state$")
    assert.equal("10.1.2.3", reads[1].host)
    assert.equal(5050, reads[1].port)
    env.http.down = true
    env:advance(30)
    assert.equal("offline", bridge.status)
    assert.equal(0, #env.timers:active("rediscovery"))
  end)
end)
