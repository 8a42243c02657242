-- Spec harness: loads the real driver (src/init.lua) on top of the fakes, with a fake clock,
-- a fake HTTP layer wired to a fake bridge, cosock.spawn as a coroutine (a held read parks its
-- task until the fake bridge answers), and helpers to create devices, reboot the hub and find
-- children.
local here = debug.getinfo(1, "S").source:match("^@(.*)/[^/]*$") or "."
local DRIVER_DIR = here .. "/../.."
package.path = DRIVER_DIR .. "/src/?.lua;" .. DRIVER_DIR .. "/?.lua;" .. package.path

local Timers = require "tests.fakes.timers"
local Http = require "tests.fakes.http"
local Bridge = require "tests.fakes.bridge"
local Udp = require "tests.fakes.udp"
local profiles = require "tests.fakes.profiles"
local fake_driver = require "tests.fakes.driver"

local Env = {}
Env.__index = Env
Env.BRIDGE_ID = "5f0c6e2a-8d4b-4c1e-9a7f-2b3c4d5e6f70"
Env.HOME = "91763b24c43d3e344f424e8b"
Env.VALVE_HOME = "5d1f2a3b4c5d6e7f80910203"

local DRIVER_MODULES = {}
do
  local listing = io.popen('ls "' .. DRIVER_DIR .. '/src"')
  for file in listing:lines() do
    local name = file:match("^(.-)%.lua$")
    if name then DRIVER_MODULES[#DRIVER_MODULES + 1] = name end
  end
  listing:close()
end

local FAKE_MODULES = { "st.driver", "st.capabilities", "st.json", "log", "cosock", "cosock.socket.http", "cosock.socket" }

-- cosock.spawn: the task runs as a coroutine until it finishes or parks in a held read.
local fake_cosock = {
  spawn = function(fn, name)
    local ok, err = coroutine.resume(coroutine.create(fn))
    if not ok then error(string.format("task %s failed: %s", tostring(name), tostring(err)), 0) end
  end,
}

function Env:_load_driver()
  for _, name in ipairs(DRIVER_MODULES) do package.loaded[name] = nil end
  for _, name in ipairs(FAKE_MODULES) do package.loaded[name] = nil end
  package.loaded["tests.fakes.log"] = nil
  self.log = require "tests.fakes.log"
  package.loaded["log"] = self.log
  package.loaded["st.capabilities"] = require "tests.fakes.capabilities"
  package.loaded["st.driver"] = fake_driver.new_driver_class(self)
  package.loaded["cosock"] = fake_cosock
  package.loaded["cosock.socket.http"] = self.real and self.real.http or self.http.module
  package.loaded["cosock.socket"] = self.real and self.real.socket or self.udp
  local timers = self.timers
  package.loaded["clock"] = { now = self.real and self.real.now or function() return timers.now end }
  require "init"
  assert(self.driver and self.driver.ran, "init.lua must create the driver and call run()")
  self.caps = package.loaded["st.capabilities"]
end

--- opts.ssdp_replies: datagrams the fake UDP socket answers with.
--- opts.real = { http, socket, now }: LuaSocket's http and socket and the real clock instead of
--- the fakes (the end-to-end script, against a bridge on 127.0.0.1); the timers between reads
--- stay on the fake clock, and the hub creates devices at once (the script blocks in a held read,
--- so a delayed creation would wait for it).
function Env.new(opts)
  opts = opts or {}
  local timers = Timers.new()
  local self = setmetatable({ devices = {}, timers = timers, http = Http.new(timers), bridge = Bridge.new(),
    real = opts.real, create_at_once = opts.real ~= nil }, Env)
  self.profiles = profiles.load(DRIVER_DIR .. "/profiles")
  self.udp = Udp.module(opts.ssdp_replies or {})
  self.http.handler = function(req, phase) return self.bridge:handle(req, phase) end
  self:_load_driver()
  return self
end

--- Moves the fake clock. Held reads are asked again first: a change the spec just made to the
--- fake bridge answers them now, as the real bridge would.
function Env:advance(seconds)
  self.http:wake()
  self.timers:advance(seconds)
end

--- Reads the fake bridge holds right now.
function Env:held_reads() return #self.http.held end

--- A bridge device as discovery would have created it; runs added + init and settles.
function Env:add_bridge(opts)
  opts = opts or {}
  local driver = self.driver
  if opts.address ~= false then
    package.loaded["discovery"].found[opts.id or Env.BRIDGE_ID] = { id = opts.id or Env.BRIDGE_ID,
      host = "192.168.1.20", port = 5000 }
  end
  driver:try_create_device({
    type = "LAN", device_network_id = opts.id or Env.BRIDGE_ID, label = "Netatmo Bridge",
    profile = "netatmo-bridge.v1",
  })
  self.timers:advance(0)
  local bridge = self:bridge_device(opts.id)
  for k, v in pairs(opts.preferences or {}) do bridge.preferences[k] = v end
  return bridge
end

function Env:bridge_device(id)
  for _, d in ipairs(self.devices) do
    if d.device_network_id == (id or Env.BRIDGE_ID) and not d.removed then return d end
  end
end

--- A child by key, e.g. env:child("room:<home>:<room>").
function Env:child(key)
  for _, d in ipairs(self.devices) do
    if d.parent_assigned_child_key == key and not d.removed then return d end
  end
end

function Env:room(home_id, room_id) return self:child("room:" .. home_id .. ":" .. room_id) end
function Env:home(home_id) return self:child("home:" .. home_id) end

--- Bridge added, first poll done, children created and filled: the usual starting point.
function Env:paired_and_populated(opts)
  local bridge = self:add_bridge(opts)
  self:advance(1)   -- first poll: pair, state, children asked for
  self:advance(0)   -- children created (added + init)
  self:advance(15)  -- next poll fills them
  return bridge
end

--- Hub reboot / driver restart: timers and transient fields are gone, modules load afresh,
--- devices keep their persisted fields, and the hub sends `init` to every device.
function Env:reboot()
  self.timers:cancel_all()
  self.http:drop_held()
  for _, d in ipairs(self.devices) do
    local kept = d:persisted_fields()
    d._fields = kept
    d.status = "unknown"
  end
  self.driver = nil
  self:_load_driver()
  for _, d in ipairs(self.devices) do
    if not d.removed then self.driver:lifecycle(d, "init") end
  end
end

--- The user deletes a device in the app.
function Env:remove(device)
  device.removed = true
  self.driver:lifecycle(device, "removed")
end

--- The user changes preferences of a device: infoChanged with the old ones.
function Env:change_preferences(device, changes)
  local old = {}
  for k, v in pairs(device.preferences) do old[k] = v end
  for k, v in pairs(changes) do device.preferences[k] = v end
  self.driver:lifecycle(device, "infoChanged", { old_st_store = { preferences = old } })
end

Env.Bridge = Bridge
Env.Udp = Udp

return Env
