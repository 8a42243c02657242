-- Our mode names (docs/lan-api.md) <-> SmartThings thermostatMode enum values.
-- Every value on the right is in the thermostatMode enum of the hub's capability definition;
-- scripts/driver-package.mjs checks that.
local modes = {}

-- home mode -> thermostatMode
modes.HOME_TO_ST = {
  schedule = "schedule",
  away = "away",
  frostguard = "frostguard",
}
modes.HOME_SUPPORTED = { "schedule", "away", "frostguard" }

-- room setpointMode -> thermostatMode. away / frostguard are forced by the home and only shown.
modes.ROOM_TO_ST = {
  schedule = "schedule",
  manual = "manual",
  boost = "heat",
  off = "off",
  away = "away",
  frostguard = "frostguard",
}
modes.ROOM_SUPPORTED = { "schedule", "manual", "heat", "off" }

-- thermostatMode asked from the app -> home mode for POST /homes/:id/mode
modes.ST_TO_HOME = {
  schedule = "schedule",
  auto = "schedule",
  away = "away",
  eco = "away",
  frostguard = "frostguard",
  off = "frostguard",
}

-- thermostatMode asked from the app -> room mode for POST /homes/:id/rooms/:id/mode
modes.ST_TO_ROOM = {
  schedule = "schedule",
  auto = "schedule",
  manual = "manual",
  heat = "boost",
  off = "off",
}

function modes.home_to_st(mode)
  return modes.HOME_TO_ST[mode]
end

function modes.room_to_st(setpoint_mode)
  return modes.ROOM_TO_ST[setpoint_mode]
end

return modes
