-- The ONLY module that speaks HTTP: the bridge's LAN API v1 (docs/lan-api.md).
-- Every call returns a response table { status, body, headers, error_code } or nil plus a
-- short reason ("timeout", "connection refused" ...). Never raises, never logs the token.
local ltn12 = require "ltn12"
local codec = require "json_codec"
local consts = require "consts"

-- On the hub cosock's asyncified LuaSocket (non-blocking for the other devices); plain
-- LuaSocket elsewhere (the e2e script).
local has_cosock, http = pcall(require, "cosock.socket.http")
if not has_cosock then http = require "socket.http" end

local client = {}

local function url(conn, path)
  return string.format("http://%s:%d%s", conn.host, conn.port, path)
end

local function perform(conn, method, path, body, extra_headers, timeout_s)
  local headers = {
    ["accept"] = "application/json",
    ["user-agent"] = "netatmo-bridge-edge-driver/" .. consts.DRIVER_VERSION,
    ["x-netatmo-bridge-driver"] = string.format("%s; api=%d", consts.DRIVER_VERSION, consts.LAN_API_LEVEL),
  }
  for k, v in pairs(extra_headers or {}) do headers[k] = v end
  if conn.token and conn.token ~= "" then headers["authorization"] = "Bearer " .. conn.token end

  local payload = ""
  if body ~= nil then
    payload = codec.encode(body)
    headers["content-type"] = "application/json"
  end
  if method ~= "GET" then headers["content-length"] = tostring(#payload) end

  local chunks = {}
  -- The module-level TIMEOUT is what LuaSocket's http uses for connect and every read. It is read
  -- when the request's socket is created, before the request first yields to other tasks, so a
  -- held read (35 s) and a command (5 s) running side by side each keep their own.
  http.TIMEOUT = timeout_s or consts.HTTP_TIMEOUT_S
  local ok, code, resp_headers = http.request({
    url = url(conn, path),
    method = method,
    headers = headers,
    source = method ~= "GET" and ltn12.source.string(payload) or nil,
    sink = ltn12.sink.table(chunks),
  })
  if ok == nil then return nil, tostring(code or "network error") end
  if type(code) ~= "number" then return nil, tostring(code) end

  local text = table.concat(chunks)
  local response = { status = code, headers = resp_headers or {}, body = nil }
  if text ~= "" then response.body = codec.decode(text) end
  if code >= 400 and type(response.body) == "table" and type(response.body.error) == "table" then
    response.error_code = response.body.error.code
  end
  return response
end

--- Generic request; body is a Lua table sent as JSON (or nil); timeout_s defaults to HTTP_TIMEOUT_S.
function client.request(conn, method, path, body, extra_headers, timeout_s)
  if not conn or not conn.host or not conn.port then return nil, "no bridge address" end
  local ok, response, err = pcall(perform, conn, method, path, body, extra_headers, timeout_s)
  if not ok then return nil, "request failed: " .. tostring(response) end
  return response, err
end

--- GET /api/v1/state with If-None-Match; 304 answers have no body. With wait_s it is a long
--- poll: the bridge holds it up to wait_s seconds, so the timeout is LONG_POLL_GRACE_S longer.
function client.get_state(conn, etag, wait_s)
  local headers = nil
  if etag then headers = { ["if-none-match"] = etag } end
  if not wait_s then return client.request(conn, "GET", "/api/v1/state", nil, headers) end
  return client.request(conn, "GET", "/api/v1/state?wait=" .. string.format("%d", wait_s), nil, headers,
    wait_s + consts.LONG_POLL_GRACE_S)
end

--- POST /api/v1/pair (no token): 200 {token} while the pairing window is open, else 403.
function client.pair(conn)
  return client.request({ host = conn.host, port = conn.port }, "POST", "/api/v1/pair", nil)
end

--- GET /api/v1/description (no token).
function client.describe(conn)
  return client.request({ host = conn.host, port = conn.port }, "GET", "/api/v1/description", nil)
end

function client.post(conn, path, body)
  return client.request(conn, "POST", path, body)
end

return client
