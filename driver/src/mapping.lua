-- Pure mapping: LAN state JSON -> capability event descriptors, and the "only what changed" diff.
-- A descriptor is plain data: { component, capability, attribute, value, unit?, displayed? }.
-- emitter.lua turns descriptors into SmartThings events; nothing here touches the hub API.
-- Values from JSON are type-checked: a null may arrive as nil or as a sentinel, never trust it.
local modes = require "modes"

local mapping = {}

local function ev(component, capability, attribute, value, extra)
  local d = { component = component, capability = capability, attribute = attribute, value = value }
  if extra then
    d.unit = extra.unit
    d.displayed = extra.displayed
  end
  return d
end

local function is_number(v) return type(v) == "number" and v == v end

--- The bridge has just started and not finished its first Netatmo read: its homes are the last
--- known ones from its data file. Nothing about the cloud link is known yet.
function mapping.is_starting(netatmo)
  return type(netatmo) == "table" and netatmo.status == "starting"
end

--- cloudLink is closed while the bridge reaches Netatmo and its data is fresh; nil while the
--- bridge is starting (unknown: the last shown value stays).
function mapping.cloud_link_ok(netatmo)
  if type(netatmo) ~= "table" then return false end
  if mapping.is_starting(netatmo) then return nil end
  if netatmo.stale == true then return false end
  return netatmo.status == "ok" or netatmo.status == "degraded"
end

local function link_events(hub_link_ok, netatmo)
  local events = { ev("hubLink", "contactSensor", "contact", hub_link_ok and "closed" or "open") }
  local cloud_ok = mapping.cloud_link_ok(netatmo)
  if cloud_ok ~= nil then
    events[#events + 1] = ev("cloudLink", "contactSensor", "contact", cloud_ok and "closed" or "open")
  end
  return events
end

--- Events of the bridge device.
function mapping.bridge_events(netatmo, hub_link_ok)
  return link_events(hub_link_ok, netatmo)
end

--- The hubLink-only events (used while the hub cannot reach the bridge: cloud state unknown).
function mapping.hub_link_events(hub_link_ok)
  return { ev("hubLink", "contactSensor", "contact", hub_link_ok and "closed" or "open") }
end

local function selected_schedule(home)
  for _, schedule in ipairs(type(home.schedules) == "table" and home.schedules or {}) do
    if schedule.selected == true and type(schedule.name) == "string" then return schedule end
  end
  return nil
end

function mapping.schedule_names(home)
  local names = {}
  for _, schedule in ipairs(type(home.schedules) == "table" and home.schedules or {}) do
    if type(schedule.name) == "string" then names[#names + 1] = schedule.name end
  end
  return names
end

--- Schedule id for a schedule name of this home, or nil.
function mapping.schedule_id(home, name)
  for _, schedule in ipairs(type(home.schedules) == "table" and home.schedules or {}) do
    if schedule.name == name then return schedule.id end
  end
  return nil
end

--- Events of a home device.
function mapping.home_events(home, netatmo, hub_link_ok)
  local events = {
    ev("main", "thermostatMode", "supportedThermostatModes", modes.HOME_SUPPORTED, { displayed = false }),
    ev("main", "mode", "supportedModes", mapping.schedule_names(home), { displayed = false }),
  }
  local st_mode = modes.home_to_st(home.mode)
  if st_mode then events[#events + 1] = ev("main", "thermostatMode", "thermostatMode", st_mode) end
  local schedule = selected_schedule(home)
  if schedule then events[#events + 1] = ev("main", "mode", "mode", schedule.name) end
  for _, e in ipairs(link_events(hub_link_ok, netatmo)) do events[#events + 1] = e end
  return events
end

local LQI_BY_SIGNAL = { excellent = 255, good = 190, fair = 120, poor = 50 }

-- Netatmo's rf_strength is the magnitude of the received level in dBm (lower is better):
-- the room's signal is its weakest module.
local function weakest_rssi_dbm(room)
  local worst = nil
  for _, module in ipairs(type(room.modules) == "table" and room.modules or {}) do
    if is_number(module.rfStrength) and (worst == nil or module.rfStrength > worst) then
      worst = module.rfStrength
    end
  end
  if worst == nil then return nil end
  return math.max(-200, math.min(0, -math.abs(worst)))
end

local function round_half(v) return math.floor(v * 2 + 0.5) / 2 end

--- Events of a room device.
function mapping.room_events(room)
  local events = {
    ev("main", "thermostatMode", "supportedThermostatModes", modes.ROOM_SUPPORTED, { displayed = false }),
  }
  local function add(...) events[#events + 1] = ev(...) end
  if is_number(room.measuredC) then
    add("main", "temperatureMeasurement", "temperature", math.floor(room.measuredC * 10 + 0.5) / 10, { unit = "C" })
  end
  if is_number(room.setpointC) then
    add("main", "thermostatHeatingSetpoint", "heatingSetpoint", round_half(room.setpointC), { unit = "C" })
  end
  local st_mode = modes.room_to_st(room.setpointMode)
  if st_mode then add("main", "thermostatMode", "thermostatMode", st_mode) end
  if type(room.heating) == "boolean" then
    add("main", "thermostatOperatingState", "thermostatOperatingState", room.heating and "heating" or "idle")
  end
  if is_number(room.batteryPercent) then
    add("main", "battery", "battery", math.max(0, math.min(100, math.floor(room.batteryPercent + 0.5))))
  end
  if type(room.openWindow) == "boolean" then
    add("main", "contactSensor", "contact", room.openWindow and "open" or "closed")
  end
  local lqi = LQI_BY_SIGNAL[room.signal]
  if lqi then add("main", "signalStrength", "lqi", lqi, { displayed = false }) end
  local rssi = weakest_rssi_dbm(room)
  if rssi then add("main", "signalStrength", "rssi", rssi, { unit = "dBm", displayed = false }) end
  return events
end

local function value_key(value)
  if type(value) == "table" then return "[" .. table.concat(value, "\0") .. "]" end
  return tostring(value)
end

function mapping.event_key(e)
  return e.component .. "/" .. e.capability .. "/" .. e.attribute
end

--- The events whose value differs from `last` (event key -> value key), and the updated copy of
--- `last`. `last` itself is not modified.
function mapping.diff(events, last)
  local next_last, changed = {}, {}
  for k, v in pairs(last or {}) do next_last[k] = v end
  for _, e in ipairs(events) do
    local key, value = mapping.event_key(e), value_key(e.value) .. (e.unit or "")
    if next_last[key] ~= value then
      changed[#changed + 1] = e
      next_last[key] = value
    end
  end
  return changed, next_last
end

--- A home of the state by id.
function mapping.find_home(state, home_id)
  for _, home in ipairs(type(state) == "table" and type(state.homes) == "table" and state.homes or {}) do
    if home.id == home_id then return home end
  end
  return nil
end

function mapping.find_room(home, room_id)
  for _, room in ipairs(type(home) == "table" and type(home.rooms) == "table" and home.rooms or {}) do
    if room.id == room_id then return room end
  end
  return nil
end

return mapping
