-- Pairing: POST /api/v1/pair on the first poll; a closed window is shown clearly and the token
-- preference is used instead; a rejected token is forgotten; no token ever reaches a log line.
local Env = require "tests.fakes.env"

describe("pairing", function()
  it("pairs on the first poll and sends the token as a bearer token", function()
    local env = Env.new()
    local bridge = env:add_bridge()
    env:advance(1)
    local pair = env.http:find("POST", "^/api/v1/pair$")
    assert.equal(1, #pair)
    assert.is_nil(pair[1].headers.authorization)
    assert.equal("paired", bridge:get_field("pairing_status"))
    local read = env.http:find("GET", "^/api/v1/state$")[1]
    assert.equal("Bearer " .. env.bridge.token, read.headers.authorization)
  end)

  it("pairing closed: status, hub log and open hubLink; the token preference is then used", function()
    local env = Env.new()
    env.bridge.pairing_open = false
    local bridge = env:add_bridge()
    env:advance(1)
    assert.equal("pairing_closed", bridge:get_field("pairing_status"))
    assert.truthy(env.log.find("pairing is closed", "warn"))
    assert.equal("open", bridge:latest("hubLink", "contactSensor", "contact"))
    assert.equal(0, #env.http:find("GET", "^/api/v1/state$"))
    env:advance(15)
    assert.equal("online", bridge.status) -- stays online so its settings stay reachable

    env:change_preferences(bridge, { lanToken = env.bridge.token })
    env:advance(1)
    assert.equal("preference", bridge:get_field("pairing_status"))
    assert.equal("closed", bridge:latest("hubLink", "contactSensor", "contact"))
    env:advance(0)
    env:advance(15)
    assert.is_not_nil(env:room(Env.HOME, "2746182631"))
  end)

  it("a rejected paired token is forgotten and pairing is tried again", function()
    local env = Env.new()
    local bridge = env:paired_and_populated()
    env.bridge.token = "rotated-token-0000"
    env.http:clear()
    -- The open long poll was authorised when it arrived; the next one (after its 30 s) meets the new token.
    env:advance(15)
    assert.is_nil(bridge:get_field("paired_token"))
    assert.equal("token_rejected", bridge:get_field("pairing_status"))
    assert.equal("open", env:home(Env.HOME):latest("hubLink", "contactSensor", "contact"))
    env:advance(15)
    assert.equal(1, #env.http:find("POST", "^/api/v1/pair$"))
    assert.equal("closed", env:home(Env.HOME):latest("hubLink", "contactSensor", "contact"))
  end)

  it("never writes a token into the log", function()
    local env = Env.new()
    local bridge = env:paired_and_populated()
    env:change_preferences(bridge, { lanToken = "secret-pref-token-1234" })
    env:advance(30)
    env.bridge.token = "another"
    env:advance(30)
    local text = env.log.all_text()
    assert.is_nil(text:find(Env.Bridge.fixture("pair-ok.json").token, 1, true))
    assert.is_nil(text:find("secret-pref-token-1234", 1, true))
  end)
end)
