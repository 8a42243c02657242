#!/usr/bin/env lua5.3
-- End to end, the whole Edge driver (init.lua and every module: discovery, pairing, the read loop
-- with its long poll, mapping, children) under plain Lua 5.3 + LuaSocket against a bridge on
-- 127.0.0.1. The st.* libraries are the specs' fakes (devices and events are checked against our
-- profiles); HTTP, SSDP and the clock are real; the pauses between reads are timers on the fake
-- clock, advanced one fake second at a time by this script. Without cosock a read blocks the
-- script, as a held read would block a task on the hub. One JSON object per line:
--   {"step":"read","at":<epoch s>,"wait":30|null,"etag":"\"7\""|null}   a state read starts
--   {"step":"answer","at":...,"status":200|304|null,"error":...,"elapsed_s":...}
--   {"step":"event","at":...,"device":"bridge"|<child key>,"component","capability","attribute","value"}
--   {"step":"mode","mode":"long"|"periodic"}                           the read mode changed
--   {"step":"done","status":"online"|...}                              after --fake-seconds
-- With a long poll open the script never gets to "done": the caller stops it.
--
-- Usage (flags win over the environment):
--   lua5.3 driver/tests/e2e/e2e_driver.lua (--ssdp-port P | --address 127.0.0.1:PORT) [--token T] [--fake-seconds N]
-- Environment: SSDP_PORT, BRIDGE_ADDRESS, LAN_TOKEN, FAKE_SECONDS.
-- --ssdp-port: "Scan nearby" with a unicast M-SEARCH to 127.0.0.1:P (never multicast), then
-- pairing. --address/--token: the bridge device's settings, as a user would type them.
local here = debug.getinfo(1, "S").source:match("^@(.*)/[^/]*$") or "."
package.path = here .. "/../../?.lua;" .. here .. "/../../src/?.lua;" .. package.path

local socket = require "socket"
local http = require "socket.http"
local dkjson = require "dkjson"
local Env = require "tests.fakes.env"
local Device = require "tests.fakes.device"

local function emit(obj)
  io.write(dkjson.encode(obj), "\n")
  io.flush()
end

local function fail(message)
  emit({ step = "error", message = message })
  os.exit(1)
end

local function options()
  local o = { ssdp_port = os.getenv("SSDP_PORT"), address = os.getenv("BRIDGE_ADDRESS"),
    token = os.getenv("LAN_TOKEN"), fake_seconds = os.getenv("FAKE_SECONDS") }
  local i = 1
  while i <= #arg do
    local flag, value = arg[i], arg[i + 1]
    local key = ({ ["--ssdp-port"] = "ssdp_port", ["--address"] = "address", ["--token"] = "token",
      ["--fake-seconds"] = "fake_seconds" })[flag]
    if not key or value == nil then fail("unknown or incomplete argument " .. tostring(flag)) end
    o[key] = value
    i = i + 2
  end
  o.ssdp_port = tonumber(o.ssdp_port)
  o.fake_seconds = tonumber(o.fake_seconds)
  if not o.ssdp_port and not o.address then fail("--ssdp-port or --address is required") end
  if o.address and not o.address:match("^127%.0%.0%.1:%d+$") and not o.address:match("^localhost:%d+$") then
    fail("the bridge address must be on 127.0.0.1")
  end
  return o
end

local o = options()

-- Every event the driver emits, printed the moment it is emitted.
local record = Device._record
function Device:_record(component, event)
  record(self, component, event)
  local e = self.events[#self.events]
  emit({ step = "event", at = socket.gettime(), device = self.parent_assigned_child_key or "bridge",
    component = e.component, capability = e.capability, attribute = e.attribute, value = e.value })
end

local env = Env.new({ real = { http = http, socket = socket, now = socket.gettime } })

-- Every state read, when it starts and when it is answered (the token is never printed).
local client = require "client"
local get_state = client.get_state
client.get_state = function(conn, etag, wait_s)
  local started = socket.gettime()
  emit({ step = "read", at = started, wait = wait_s, etag = etag })
  local response, err = get_state(conn, etag, wait_s)
  local now = socket.gettime()
  emit({ step = "answer", at = now, status = response and response.status, error = err, elapsed_s = now - started })
  return response, err
end

if o.ssdp_port then
  local discovery = require "discovery"
  discovery.search_options = { target_ip = "127.0.0.1", target_port = o.ssdp_port, wait_s = 2, mx_s = 1 }
  local rounds = 0
  env.driver.discovery(env.driver, {}, function() rounds = rounds + 1; return rounds == 1 end)
  if not env:bridge_device(env.driver.created[1] and env.driver.created[1].device_network_id) then
    fail("no bridge answered the M-SEARCH on 127.0.0.1:" .. o.ssdp_port)
  end
else
  env:add_bridge({ address = false, preferences = { bridgeAddress = o.address, lanToken = o.token } })
end

local bridge = env.devices[1]
local mode = nil
local fake_end = o.fake_seconds and env.timers.now + o.fake_seconds or nil
while not fake_end or env.timers.now < fake_end do
  env:advance(1)
  local now_mode = bridge:get_field("read_mode")
  if now_mode ~= mode then
    mode = now_mode
    emit({ step = "mode", mode = mode })
  end
end
emit({ step = "done", status = bridge.status })
