-- Keeps the bridge's EDGE_CHILD devices in line with the homes and rooms of the state:
-- a home or room that appears gets a device; one that vanished is reported once and marked
-- offline (never deleted: the user may have automations on it). Children the user deleted are
-- not re-created until the next "Scan nearby" (discovery clears the list).
local log = require "log"
local clock = require "clock"
local consts = require "consts"
local fields = require "fields"
local kinds = require "kinds"

local children = {}

local function removed_keys(bridge)
  return bridge:get_field(fields.REMOVED_CHILD_KEYS) or {}
end

--- Remembers that the user deleted this child.
function children.mark_removed(bridge, key)
  local keys = removed_keys(bridge)
  local copy = {}
  for k, v in pairs(keys) do copy[k] = v end
  copy[key] = true
  bridge:set_field(fields.REMOVED_CHILD_KEYS, copy, { persist = true })
end

--- A new scan: the user wants the deleted children back. They are asked for now from the last
--- state read (the open long poll brings nothing until the state changes).
function children.clear_removed(driver, bridge)
  bridge:set_field(fields.REMOVED_CHILD_KEYS, {}, { persist = true })
  local state = bridge:get_field(fields.STATE)
  if type(state) == "table" then children.sync(driver, bridge, state) end
end

local function create(driver, bridge, key, label, profile, model)
  local pending = bridge:get_field(fields.PENDING_CHILDREN) or {}
  local asked_at = pending[key]
  local now = clock.now()
  if asked_at and now - asked_at < consts.CREATE_RETRY_S then return end
  pending[key] = now
  bridge:set_field(fields.PENDING_CHILDREN, pending)
  log.info(string.format("%s: creating %s (%s)", bridge.label or bridge.id, label, key))
  driver:try_create_device({
    type = "EDGE_CHILD",
    label = label,
    profile = profile,
    parent_device_id = bridge.id,
    parent_assigned_child_key = key,
    manufacturer = "Netatmo",
    model = model,
    vendor_provided_label = label,
  })
end

local function room_model(room)
  if room.kind == "valves" then return "Netatmo room (radiator valves)" end
  if room.kind == "mixed" then return "Netatmo room (thermostat and valves)" end
  return "Netatmo room (thermostat)"
end

--- Creates the missing children and returns { [key] = device } for those that exist now.
--- opts.keep_vanished: do not report or take offline children missing from this state.
function children.sync(driver, bridge, state, opts)
  local removed = removed_keys(bridge)
  local present, wanted = {}, {}
  local homes = type(state.homes) == "table" and state.homes or {}
  local several_homes = #homes > 1

  local function ensure(key, label, profile, model)
    wanted[key] = true
    local child = bridge:get_child_by_parent_assigned_key(key)
    if child then
      present[key] = child
    elseif not removed[key] then
      create(driver, bridge, key, label, profile, model)
    end
  end

  for _, home in ipairs(homes) do
    if type(home.id) == "string" then
      ensure(kinds.home_key(home.id), tostring(home.name or "Netatmo home"), consts.PROFILE_HOME, "Netatmo home")
      for _, room in ipairs(type(home.rooms) == "table" and home.rooms or {}) do
        if type(room.id) == "string" then
          local label = tostring(room.name or room.id)
          if several_homes then label = tostring(home.name) .. " " .. label end
          ensure(kinds.room_key(home.id, room.id), label, consts.PROFILE_ROOM, room_model(room))
        end
      end
    end
  end

  if not (opts and opts.keep_vanished) then children.report_vanished(bridge, wanted) end
  return present
end

--- Children whose home or room is no longer in the state: report once, keep offline.
function children.report_vanished(bridge, wanted)
  for _, child in ipairs(bridge:get_child_list() or {}) do
    local key = child.parent_assigned_child_key
    if key and not wanted[key] then
      if child:get_field(fields.VANISHED) ~= true then
        child:set_field(fields.VANISHED, true)
        log.warn_with({ hub_logs = true }, string.format(
          "%s: %s is no longer reported by the bridge (removed in Netatmo?); it stays offline. Delete it if it is gone for good.",
          bridge.label or bridge.id, child.label or key))
      end
      child:offline()
    elseif key and child:get_field(fields.VANISHED) == true then
      child:set_field(fields.VANISHED, false)
    end
  end
end

return children
