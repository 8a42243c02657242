-- client.lua: the only HTTP user. Bearer token, 5 s timeout (35 s for a long poll), If-None-Match, JSON both ways,
-- error codes from the LAN error shape, network errors as (nil, reason).
local Env = require "tests.fakes.env"

describe("client", function()
  local env, client, conn
  before_each(function()
    env = Env.new()
    client = require "client"
    conn = { host = "127.0.0.1", port = 5000, token = env.bridge.token }
  end)

  it("reads the state with the bearer token and a 5 s timeout, and decodes it", function()
    local response = client.get_state(conn)
    assert.equal(200, response.status)
    assert.equal('"42"', response.headers.etag)
    assert.equal(2, #response.body.homes)
    local request = env.http.requests[1]
    assert.equal("Bearer " .. env.bridge.token, request.headers.authorization)
    assert.equal(5, request.timeout)
    local consts = require "consts"
    assert.equal(consts.DRIVER_VERSION .. "; api=" .. consts.LAN_API_LEVEL, request.headers["x-netatmo-bridge-driver"])
    assert.matches("^%d+%.%d+%.%d+; api=%d+$", request.headers["x-netatmo-bridge-driver"])
    assert.equal("netatmo-bridge-edge-driver/" .. consts.DRIVER_VERSION, request.headers["user-agent"])
    assert.equal("http://127.0.0.1:5000/api/v1/state", "http://" .. request.host .. ":" .. request.port .. request.path)
  end)

  it("sends If-None-Match and returns a bodiless 304", function()
    local response = client.get_state(conn, '"42"')
    assert.equal(304, response.status)
    assert.is_nil(response.body)
    assert.equal('"42"', env.http.requests[1].headers["if-none-match"])
  end)

  it("a long poll asks ?wait=30 with If-None-Match and allows 35 s; a command then still gets 5 s", function()
    local response = client.get_state(conn, '"41"', 30)
    assert.equal(200, response.status)
    local request = env.http.requests[1]
    assert.equal("/api/v1/state", request.path)
    assert.equal("wait=30", request.query)
    assert.equal('"41"', request.headers["if-none-match"])
    assert.equal(35, request.timeout)
    client.post(conn, "/api/v1/refresh", nil)
    assert.equal(5, env.http.requests[2].timeout)
  end)

  it("posts JSON bodies with their length and reads the error code of a refusal", function()
    env.bridge:fail_with("POST", "/api/v1/homes/x/rooms/y/setpoint", "invalid_request")
    local response = client.post(conn, "/api/v1/homes/x/rooms/y/setpoint", { temperatureC = 40 })
    assert.equal(400, response.status)
    assert.equal("invalid_request", response.error_code)
    local request = env.http.requests[1]
    assert.equal("application/json", request.headers["content-type"])
    assert.equal(tostring(#request.raw_body), request.headers["content-length"])
    assert.same({ temperatureC = 40 }, request.body)
  end)

  it("pairs and describes without a token", function()
    local pair = client.pair(conn)
    assert.equal(env.bridge.token, pair.body.token)
    assert.is_nil(env.http.requests[1].headers.authorization)
    assert.is_string(env.http.requests[1].headers["x-netatmo-bridge-driver"])
    local description = client.describe(conn)
    assert.equal("v1", description.body.api)
  end)

  it("maps every error fixture's code", function()
    for _, code in ipairs({ "unauthorized", "not_found", "not_supported", "payload_too_large", "rate_limited",
      "netatmo_error", "netatmo_unavailable", "auth_required", "not_configured" }) do
      env.bridge:fail_with("POST", "/api/v1/refresh", code)
      local response = client.post(conn, "/api/v1/refresh", nil)
      assert.equal(code, response.error_code)
      assert.is_true(response.status >= 400)
    end
  end)

  it("returns nil and a reason on network errors and without an address", function()
    env.http.down = true
    local response, err = client.get_state(conn)
    assert.is_nil(response)
    assert.equal("connection refused", err)
    response, err = client.get_state({})
    assert.is_nil(response)
    assert.equal("no bridge address", err)
  end)

  it("survives a body that is not JSON", function()
    env.bridge.overrides["GET /api/v1/state"] = { status = 200, body = "<html>proxy error</html>" }
    local response = client.get_state(conn)
    assert.equal(200, response.status)
    assert.is_nil(response.body)
  end)
end)
