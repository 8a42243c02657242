#!/usr/bin/env lua5.3
-- End-to-end client: the driver's real ssdp, client and mapping modules under plain Lua 5.3 +
-- LuaSocket, against a running bridge on 127.0.0.1. It prints one JSON object per line:
--   {"step":"ssdp",...} {"step":"pair",...} {"step":"state",...} {"step":"event",...}...
--   {"step":"command",...} {"step":"confirm",...} and finally {"step":"done","ok":true}
-- or {"step":"error","message":...} with exit code 1.
--
-- Usage (flags win over the environment):
--   lua5.3 driver/tests/e2e/e2e_client.lua --ssdp-port 41900 --host 127.0.0.1 --port 5000 \
--     [--token T] [--setpoint 21.5] [--ssdp-host 127.0.0.1]
-- Environment: SSDP_PORT, SSDP_HOST, BRIDGE_HOST, BRIDGE_PORT, LAN_TOKEN, E2E_SETPOINT_C.
-- Without a token it pairs (POST /api/v1/pair; the bridge's pairing window must be open).
-- The M-SEARCH is unicast to the given host/port: never multicast. HTTP goes to --host/--port
-- when given (like the driver's address preference), else to the address from LOCATION.
local here = debug.getinfo(1, "S").source:match("^@(.*)/[^/]*$") or "."
package.path = here .. "/../../src/?.lua;" .. package.path

local socket = require "socket"
local dkjson = require "dkjson"
local ssdp = require "ssdp"
local client = require "client"
local mapping = require "mapping"
local kinds = require "kinds"

local function emit(obj)
  io.write(dkjson.encode(obj), "\n")
  io.flush()
end

local function fail(message)
  emit({ step = "error", message = message })
  os.exit(1)
end

local function options()
  local o = {
    ssdp_port = os.getenv("SSDP_PORT"), ssdp_host = os.getenv("SSDP_HOST") or "127.0.0.1",
    host = os.getenv("BRIDGE_HOST"), port = os.getenv("BRIDGE_PORT"),
    token = os.getenv("LAN_TOKEN"), setpoint = os.getenv("E2E_SETPOINT_C"),
  }
  local i = 1
  while i <= #arg do
    local flag, value = arg[i], arg[i + 1]
    local key = ({ ["--ssdp-port"] = "ssdp_port", ["--ssdp-host"] = "ssdp_host", ["--host"] = "host",
      ["--port"] = "port", ["--token"] = "token", ["--setpoint"] = "setpoint" })[flag]
    if not key or value == nil then fail("unknown or incomplete argument " .. tostring(flag)) end
    o[key] = value
    i = i + 2
  end
  o.ssdp_port = tonumber(o.ssdp_port)
  o.port = tonumber(o.port)
  o.setpoint = tonumber(o.setpoint) or 21.5
  if not o.ssdp_port then fail("--ssdp-port (or SSDP_PORT) is required") end
  if o.ssdp_host ~= "127.0.0.1" and o.ssdp_host ~= "localhost" then fail("the M-SEARCH only goes to 127.0.0.1") end
  if o.token == "" then o.token = nil end
  return o
end

local o = options()

-- 1. Discovery: unicast M-SEARCH, USN -> id, LOCATION -> address.
local found, err = ssdp.search({ socket = socket, target_ip = "127.0.0.1", target_port = o.ssdp_port, wait_s = 3, mx_s = 1 })
if err then fail("ssdp: " .. err) end
local bridge = found[1]
if not bridge then fail("no SSDP answer from 127.0.0.1:" .. o.ssdp_port) end
emit({ step = "ssdp", id = bridge.id, host = bridge.host, port = bridge.port, location = bridge.location })

local conn = { host = o.host or bridge.host, port = o.port or bridge.port }

-- 2. Pairing (or the given token).
if o.token then
  conn.token = o.token
  emit({ step = "pair", source = "token" })
else
  local response, pair_err = client.pair(conn)
  if not response then fail("pair: " .. tostring(pair_err)) end
  if response.status ~= 200 or type(response.body) ~= "table" or type(response.body.token) ~= "string" then
    emit({ step = "pair", status = response.status, code = response.error_code })
    fail("pairing refused (" .. tostring(response.error_code or response.status) .. "): pass --token")
  end
  conn.token = response.body.token
  emit({ step = "pair", source = "pairing", status = 200, tokenLength = #conn.token })
end

-- 3. State -> events, exactly as the driver computes them.
local response, state_err = client.get_state(conn)
if not response then fail("state: " .. tostring(state_err)) end
if response.status ~= 200 or type(response.body) ~= "table" then fail("state answered " .. tostring(response.status)) end
local state = response.body
emit({ step = "state", revision = state.revision, etag = response.headers.etag, homes = #(state.homes or {}) })

-- Per device, what was printed already: after the command only the changes are printed,
-- as the driver would emit them.
local printed = {}
local function emit_events(device_key, events)
  local changed
  changed, printed[device_key] = mapping.diff(events, printed[device_key] or {})
  for _, e in ipairs(changed) do
    emit({ step = "event", device = device_key, component = e.component, capability = e.capability,
      attribute = e.attribute, value = e.value, unit = e.unit })
  end
end

emit_events("bridge", mapping.bridge_events(state.netatmo, true))
local target_home, target_room
for _, home in ipairs(state.homes or {}) do
  emit_events(kinds.home_key(home.id), mapping.home_events(home, state.netatmo, true))
  for _, room in ipairs(home.rooms or {}) do
    emit_events(kinds.room_key(home.id, room.id), mapping.room_events(room))
    if not target_room then target_home, target_room = home, room end
  end
end
if not target_room then fail("the state has no room to send a setpoint to") end

-- 4. ETag: the same revision answers 304.
local again = client.get_state(conn, response.headers.etag)
emit({ step = "etag", status = again and again.status or nil })

-- 5. A setpoint command; its answer carries the updated home.
local path = "/api/v1/homes/" .. target_home.id .. "/rooms/" .. target_room.id .. "/setpoint"
local command = client.post(conn, path, { temperatureC = o.setpoint })
if not command then fail("setpoint command got no answer") end
local answered_room = command.body and command.body.home and mapping.find_room(command.body.home, target_room.id)
emit({ step = "command", path = path, status = command.status, code = command.error_code,
  revision = command.body and command.body.revision,
  setpointC = answered_room and answered_room.setpointC, setpointMode = answered_room and answered_room.setpointMode })
if command.status ~= 200 then fail("setpoint command answered " .. tostring(command.status)) end
if answered_room then emit_events(kinds.room_key(target_home.id, target_room.id), mapping.room_events(answered_room)) end

-- 6. The state read afterwards shows the new setpoint.
local after = client.get_state(conn)
local after_room = after and after.body and mapping.find_room(mapping.find_home(after.body, target_home.id), target_room.id)
emit({ step = "confirm", revision = after and after.body and after.body.revision,
  setpointC = after_room and after_room.setpointC, setpointMode = after_room and after_room.setpointMode })

emit({ step = "done", ok = true })
