-- Turns mapping descriptors into SmartThings capability events and emits only what changed
-- since the last emitted values (kept in a transient device field).
local caps = require "st.capabilities"
local log = require "log"
local fields = require "fields"
local mapping = require "mapping"

local emitter = {}

--- Builds the st event for a descriptor; raises like the hub when a value is invalid.
function emitter.to_event(d)
  local attribute = caps[d.capability][d.attribute]
  local value = d.value
  if d.unit then value = { value = d.value, unit = d.unit } end
  if d.displayed == false then return attribute(value, { visibility = { displayed = false } }) end
  return attribute(value)
end

local function emit_one(device, d)
  local event = emitter.to_event(d)
  if d.component == "main" then
    device:emit_event(event)
  else
    device:emit_component_event(device.profile.components[d.component], event)
  end
end

--- Emits the descriptors whose value changed; returns how many events were emitted.
function emitter.emit_changed(device, descriptors)
  local last = device:get_field(fields.LAST_EMITTED) or {}
  local changed, next_last = mapping.diff(descriptors, last)
  local emitted = 0
  for _, d in ipairs(changed) do
    local ok, err = pcall(emit_one, device, d)
    if ok then
      emitted = emitted + 1
    else
      -- Keep the old value so the next poll tries again; one bad value never stops the others.
      next_last[mapping.event_key(d)] = last[mapping.event_key(d)]
      log.warn(string.format("%s: cannot emit %s = %s: %s", device.label or device.id,
        mapping.event_key(d), tostring(d.value), tostring(err)))
    end
  end
  device:set_field(fields.LAST_EMITTED, next_last)
  return emitted
end

--- Forgets what was emitted, so the next emit_changed sends every value again (used after a
--- rejected command, so the app shows the real state instead of the value the user picked).
function emitter.forget(device)
  device:set_field(fields.LAST_EMITTED, nil)
end

return emitter
