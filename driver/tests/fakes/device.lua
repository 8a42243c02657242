-- Fake SmartThings device: fields (persisted or not), events checked against the device's real
-- profile (component and capability must exist there), online/offline, children, thread timers.
local Device = {}
Device.__index = Device

local next_id = 0

local function copy(t)
  local c = {}
  for k, v in pairs(t or {}) do c[k] = v end
  return c
end

--- meta: the try_create_device table; env: { driver, timers, profiles, devices }
function Device.new(env, meta, id)
  next_id = next_id + 1
  local profile = env.profiles[meta.profile]
  assert(profile, "unknown profile " .. tostring(meta.profile))
  local self = setmetatable({
    id = id or string.format("device-%04d", next_id),
    type = meta.type,
    label = meta.label,
    device_network_id = meta.type == "LAN" and meta.device_network_id or nil,
    parent_device_id = meta.parent_device_id,
    parent_assigned_child_key = meta.parent_assigned_child_key,
    preferences = copy(profile.preferences),
    profile = { id = meta.profile, components = {} },
    _profile = profile,
    _env = env,
    _fields = {},
    _persist = {},
    events = {},
    status = "unknown",
    status_changes = {},
    meta = meta,
  }, Device)
  for component_id in pairs(profile.components) do
    self.profile.components[component_id] = { id = component_id }
  end
  local timers = env.timers
  self.thread = {
    call_with_delay = function(_, s, fn, name) return timers:call_with_delay(s, fn, name) end,
    call_on_schedule = function(_, s, fn, name) return timers:call_on_schedule(s, fn, name) end,
    cancel_timer = function(_, t) timers:cancel(t) end,
  }
  return self
end

function Device:set_field(key, value, opts)
  self._fields[key] = value
  if opts and opts.persist then self._persist[key] = true end
end

function Device:get_field(key)
  return self._fields[key]
end

--- What survives a driver restart: persisted fields only.
function Device:persisted_fields()
  local kept = {}
  for key in pairs(self._persist) do kept[key] = self._fields[key] end
  return kept
end

function Device:_record(component_id, event)
  assert(type(event) == "table" and event.__fake_capability_event, "emit needs an event built by st.capabilities")
  local component = self._profile.components[component_id]
  assert(component, "profile " .. self.profile.id .. " has no component " .. tostring(component_id))
  assert(component.capabilities[event.capability_id], string.format("profile %s component %s has no capability %s",
    self.profile.id, component_id, event.capability_id))
  self.events[#self.events + 1] = {
    component = component_id, capability = event.capability_id, attribute = event.attribute_id,
    value = event.state.value, unit = event.state.unit, visibility = event.visibility,
  }
end

function Device:emit_event(event)
  self:_record("main", event)
end

function Device:emit_component_event(component, event)
  assert(type(component) == "table" and component.id, "emit_component_event needs a profile component")
  self:_record(component.id, event)
end

function Device:online()
  if self.status ~= "online" then self.status_changes[#self.status_changes + 1] = "online" end
  self.status = "online"
end

function Device:offline()
  assert(self.type == "LAN" or self.type == "EDGE_CHILD", "offline on an unsupported device type")
  if self.status ~= "offline" then self.status_changes[#self.status_changes + 1] = "offline" end
  self.status = "offline"
end

function Device:get_child_list()
  local list = {}
  for _, d in ipairs(self._env.devices) do
    if d.parent_device_id == self.id and not d.removed then list[#list + 1] = d end
  end
  return list
end

function Device:get_child_by_parent_assigned_key(key)
  for _, d in ipairs(self:get_child_list()) do
    if d.parent_assigned_child_key == key then return d end
  end
  return nil
end

function Device:get_parent_device()
  for _, d in ipairs(self._env.devices) do
    if d.id == self.parent_device_id then return d end
  end
  return nil
end

--- Latest value emitted for component/capability/attribute (nil when never emitted).
function Device:latest(component, capability, attribute)
  for i = #self.events, 1, -1 do
    local e = self.events[i]
    if e.component == component and e.capability == capability and e.attribute == attribute then return e.value, e end
  end
  return nil
end

function Device:clear_events() self.events = {} end

return Device
