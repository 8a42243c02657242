-- Fake st.capabilities: the capabilities our profiles use, with the hub's value checks
-- (enum membership, number ranges, integers, units). An invalid value raises, like the hub.
-- Enum lists are those of the SmartThings capability definitions (API v3 generated files).
local THERMOSTAT_MODES = {
  "asleep", "auto", "autowitheco", "autowithreset", "autochangeover", "autochangeoveractive",
  "autocool", "autoheat", "auxheatonly", "auxiliaryemergencyheat", "away", "cool", "custom",
  "dayoff", "dryair", "eco", "emergency heat", "emergencyheat", "emergencyheatactive",
  "energysavecool", "energysaveheat", "fanonly", "frostguard", "furnace", "heat", "heatingoff",
  "home", "in", "manual", "moistair", "off", "out", "resume", "rush hour", "rushhour", "schedule",
  "southernaway",
}
local OPERATING_STATES = { "cooling", "fan only", "heating", "idle", "pending cool", "pending heat", "vent economizer" }
local TEMPERATURE = { kind = "number", minimum = -460, maximum = 10000, units = { C = true, F = true }, unit_required = true }

local DEFINITIONS = {
  thermostatMode = {
    attributes = {
      thermostatMode = { kind = "enum", values = THERMOSTAT_MODES },
      supportedThermostatModes = { kind = "enum_array", values = THERMOSTAT_MODES },
    },
    commands = { setThermostatMode = { "mode" }, auto = {}, cool = {}, heat = {}, off = {}, emergencyHeat = {} },
  },
  thermostatHeatingSetpoint = {
    attributes = { heatingSetpoint = TEMPERATURE },
    commands = { setHeatingSetpoint = { "setpoint" } },
  },
  temperatureMeasurement = { attributes = { temperature = TEMPERATURE }, commands = {} },
  thermostatOperatingState = {
    attributes = { thermostatOperatingState = { kind = "enum", values = OPERATING_STATES } },
    commands = {},
  },
  battery = { attributes = { battery = { kind = "integer", minimum = 0, maximum = 100 } }, commands = {} },
  contactSensor = { attributes = { contact = { kind = "enum", values = { "open", "closed" } } }, commands = {} },
  signalStrength = {
    attributes = {
      lqi = { kind = "integer", minimum = 0, maximum = 255 },
      rssi = { kind = "number", minimum = -200, maximum = 0, units = { dBm = true } },
    },
    commands = {},
  },
  mode = {
    attributes = { mode = { kind = "string" }, supportedModes = { kind = "string_array" } },
    commands = { setMode = { "mode" } },
  },
  momentary = { attributes = {}, commands = { push = {} } },
  refresh = { attributes = {}, commands = { refresh = {} } },
}

local function set_of(list)
  local s = {}
  for _, v in ipairs(list) do s[v] = true end
  return s
end

local function fail(cap, attr, msg)
  error(string.format("invalid value for %s.%s: %s", cap, attr, msg), 3)
end

local function check(cap, attr, schema, state)
  local v = state.value
  local k = schema.kind
  if k == "enum" then
    if not set_of(schema.values)[v] then fail(cap, attr, tostring(v) .. " is not in the enum") end
  elseif k == "enum_array" or k == "string_array" then
    if type(v) ~= "table" then fail(cap, attr, "not an array") end
    for _, item in ipairs(v) do
      if type(item) ~= "string" then fail(cap, attr, "array item is not a string") end
      if k == "enum_array" and not set_of(schema.values)[item] then fail(cap, attr, item .. " is not in the enum") end
    end
  elseif k == "string" then
    if type(v) ~= "string" then fail(cap, attr, "not a string") end
  elseif k == "number" or k == "integer" then
    if type(v) ~= "number" or v ~= v then fail(cap, attr, "not a number") end
    if k == "integer" and math.type(v) ~= "integer" and v ~= math.floor(v) then fail(cap, attr, "not an integer") end
    if v < schema.minimum or v > schema.maximum then fail(cap, attr, tostring(v) .. " out of range") end
  end
  if schema.unit_required and not state.unit then fail(cap, attr, "unit missing") end
  if state.unit ~= nil and not (schema.units and schema.units[state.unit]) then
    fail(cap, attr, "unit " .. tostring(state.unit) .. " not allowed")
  end
end

local function make_attribute(cap_id, attr_id, schema)
  local attribute = { NAME = attr_id, ID = attr_id }
  setmetatable(attribute, {
    __call = function(_, value, opts)
      local state
      if type(value) == "table" and value.value ~= nil then
        state = { value = value.value, unit = value.unit }
      else
        state = { value = value }
      end
      check(cap_id, attr_id, schema, state)
      opts = opts or {}
      return {
        __fake_capability_event = true,
        capability_id = cap_id,
        attribute_id = attr_id,
        state = state,
        visibility = opts.visibility,
        state_change = opts.state_change,
      }
    end,
  })
  if schema.kind == "enum" then
    for _, v in ipairs(schema.values) do
      attribute[v] = function(opts) return attribute(v, opts) end
    end
  end
  return attribute
end

local capabilities = {}
for cap_id, def in pairs(DEFINITIONS) do
  local cap = { ID = cap_id, NAME = cap_id, commands = {} }
  for attr_id, schema in pairs(def.attributes) do cap[attr_id] = make_attribute(cap_id, attr_id, schema) end
  for cmd, args in pairs(def.commands) do cap.commands[cmd] = { NAME = cmd, arguments = args } end
  capabilities[cap_id] = cap
end

-- Unknown capability ids fail loudly (the hub cannot build events for them either).
setmetatable(capabilities, {
  __index = function(_, key) error("unknown capability " .. tostring(key), 2) end,
})

return capabilities
