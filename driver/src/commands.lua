-- Capability commands from the app -> LAN API requests. A successful answer carries the
-- updated home, applied at once; a refused one is logged and the real state shown again.
local caps = require "st.capabilities"
local log = require "log"
local client = require "client"
local consts = require "consts"
local fields = require "fields"
local kinds = require "kinds"
local mapping = require "mapping"
local modes = require "modes"
local emitter = require "emitter"
local poller = require "poller"
local connection = require "connection"

local commands = {}

local function preference_number(bridge, name)
  local value = tonumber(bridge and bridge.preferences and bridge.preferences[name])
  if value and value > 0 then return math.floor(value) end
  return nil
end

--- Setpoint from the app -> °C on the 0.5 grid within 7–30. Values above 40 are taken as °F.
function commands.normalise_setpoint(value)
  value = tonumber(value)
  if not value or value ~= value then return nil end
  if value > 40 then value = (value - 32) * 5 / 9 end
  value = math.floor(value / consts.SETPOINT_STEP_C + 0.5) * consts.SETPOINT_STEP_C
  return math.max(consts.SETPOINT_MIN_C, math.min(consts.SETPOINT_MAX_C, value))
end

local function show_real_state(driver, bridge, device)
  emitter.forget(device)
  poller.reapply(driver, bridge)
end

--- Sends one command for `device` and applies the answer. Returns the response or nil.
function commands.send(driver, device, path, body)
  local bridge = kinds.bridge_of(device)
  if not bridge then
    log.warn(string.format("%s: no bridge device for this command", device.label or device.id))
    return nil
  end
  local conn = connection.resolve(bridge)
  if not conn then
    log.warn(string.format("%s: bridge not reachable or not paired; command dropped", device.label or device.id))
    show_real_state(driver, bridge, device)
    return nil
  end
  local response, err = client.post(conn, path, body)
  if not response or response.status ~= 200 then
    local reason = response and (response.error_code or ("HTTP " .. tostring(response.status))) or tostring(err)
    log.warn_with({ hub_logs = true }, string.format("%s: %s refused: %s", device.label or device.id, path, reason))
    if response and response.status == 401 then connection.on_unauthorized(bridge) end
    show_real_state(driver, bridge, device)
    return response
  end
  if type(response.body) == "table" and type(response.body.home) == "table" then
    poller.apply_home(driver, bridge, response.body.home)
  end
  return response
end

local function home_path(home_id, suffix)
  return "/api/v1/homes/" .. home_id .. suffix
end

local function set_home_mode(driver, device, st_mode)
  local kind, home_id = kinds.of(device)
  if kind ~= "home" then return end
  local mode = modes.ST_TO_HOME[st_mode]
  if not mode then
    log.warn(string.format("%s: thermostat mode %s is not a home mode", device.label, tostring(st_mode)))
    return show_real_state(driver, kinds.bridge_of(device), device)
  end
  local body = { mode = mode }
  local hours = preference_number(kinds.bridge_of(device), "awayHours")
  if mode ~= "schedule" and hours then body.durationMinutes = hours * 60 end
  return commands.send(driver, device, home_path(home_id, "/mode"), body)
end

local function set_room_mode(driver, device, st_mode)
  local _, home_id, room_id = kinds.of(device)
  local mode = modes.ST_TO_ROOM[st_mode]
  if not mode then
    -- away / frostguard belong to the home: the room only shows them.
    log.warn(string.format("%s: thermostat mode %s cannot be set on a room", device.label, tostring(st_mode)))
    return show_real_state(driver, kinds.bridge_of(device), device)
  end
  local body = { mode = mode }
  local bridge = kinds.bridge_of(device)
  if mode == "boost" then
    body.durationMinutes = preference_number(bridge, "boostMinutes") or 30
  elseif mode == "manual" then
    body.durationMinutes = preference_number(bridge, "overrideMinutes")
  end
  return commands.send(driver, device, home_path(home_id, "/rooms/" .. room_id .. "/mode"), body)
end

--- thermostatMode.setThermostatMode and the enum shortcuts (auto, heat, off ...).
local function thermostat_mode(st_mode_of)
  return function(driver, device, command)
    local st_mode = st_mode_of(command)
    if kinds.of(device) == "room" then return set_room_mode(driver, device, st_mode) end
    return set_home_mode(driver, device, st_mode)
  end
end

function commands.set_heating_setpoint(driver, device, command)
  local kind, home_id, room_id = kinds.of(device)
  if kind ~= "room" then return end
  local temperature = commands.normalise_setpoint(command.args and command.args.setpoint)
  if not temperature then
    log.warn(string.format("%s: setpoint %s is not a number", device.label, tostring(command.args and command.args.setpoint)))
    return
  end
  local body = { temperatureC = temperature }
  body.durationMinutes = preference_number(kinds.bridge_of(device), "overrideMinutes")
  return commands.send(driver, device, home_path(home_id, "/rooms/" .. room_id .. "/setpoint"), body)
end

function commands.set_schedule(driver, device, command)
  local kind, home_id = kinds.of(device)
  if kind ~= "home" then return end
  local bridge = kinds.bridge_of(device)
  local name = command.args and command.args.mode
  local home = mapping.find_home(bridge:get_field(fields.STATE), home_id)
  local schedule_id = home and mapping.schedule_id(home, name)
  if not schedule_id then
    log.warn(string.format("%s: no schedule named %s", device.label, tostring(name)))
    return show_real_state(driver, bridge, device)
  end
  return commands.send(driver, device, home_path(home_id, "/schedule"), { scheduleId = schedule_id })
end

function commands.back_to_schedule(driver, device)
  local kind, home_id = kinds.of(device)
  if kind ~= "home" then return end
  return commands.send(driver, device, home_path(home_id, "/back-to-schedule"), nil)
end

--- refresh on any device: ask the bridge for a fresh Netatmo poll, then read the state now.
function commands.refresh(driver, device)
  local bridge = kinds.bridge_of(device)
  if not bridge then return end
  local conn = connection.resolve(bridge)
  if conn then
    local response, err = client.post(conn, "/api/v1/refresh", nil)
    if not response or response.status ~= 200 then
      log.info(string.format("%s: refresh not accepted: %s", device.label or device.id,
        response and (response.error_code or tostring(response.status)) or tostring(err)))
    end
  end
  bridge:set_field(fields.ETAG, nil)
  poller.poll(driver, bridge)
end

local function arg_mode(command) return command.args and command.args.mode end
local function fixed(mode) return function() return mode end end

commands.handlers = {
  [caps.thermostatMode.ID] = {
    [caps.thermostatMode.commands.setThermostatMode.NAME] = thermostat_mode(arg_mode),
    [caps.thermostatMode.commands.auto.NAME] = thermostat_mode(fixed("auto")),
    [caps.thermostatMode.commands.heat.NAME] = thermostat_mode(fixed("heat")),
    [caps.thermostatMode.commands.off.NAME] = thermostat_mode(fixed("off")),
  },
  [caps.thermostatHeatingSetpoint.ID] = {
    [caps.thermostatHeatingSetpoint.commands.setHeatingSetpoint.NAME] = commands.set_heating_setpoint,
  },
  [caps.mode.ID] = {
    [caps.mode.commands.setMode.NAME] = commands.set_schedule,
  },
  [caps.momentary.ID] = {
    [caps.momentary.commands.push.NAME] = commands.back_to_schedule,
  },
  [caps.refresh.ID] = {
    [caps.refresh.commands.refresh.NAME] = commands.refresh,
  },
}

return commands
