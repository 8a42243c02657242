-- Hub <-> bridge link health of one bridge device and its children.
-- Two failed polls in a row: hubLink open everywhere and every child offline (the bridge too,
-- unless the bridge answered but refused our token: it stays online so its settings and the
-- open hubLink explain what to do). The first good poll brings everything back by itself.
local log = require "log"
local consts = require "consts"
local fields = require "fields"
local mapping = require "mapping"
local emitter = require "emitter"
local kinds = require "kinds"

local health = {}

local function children(bridge)
  if bridge.get_child_list then return bridge:get_child_list() or {} end
  return {}
end

--- A poll read the state (200 or 304). Returns true when the link had been down.
function health.on_success(bridge)
  bridge:set_field(fields.FAILURES, 0)
  local was_down = bridge:get_field(fields.LINK_DOWN) == true
  if was_down then
    bridge:set_field(fields.LINK_DOWN, false)
    log.info(string.format("%s: bridge reachable again", bridge.label or bridge.id))
  end
  bridge:online()
  return was_down
end

--- A poll failed. reason: "unreachable" | "unauthorized" | "http_<status>" | ...
--- Returns true when this failure took the link down.
function health.on_failure(bridge, reason)
  local failures = (bridge:get_field(fields.FAILURES) or 0) + 1
  bridge:set_field(fields.FAILURES, failures)
  log.info(string.format("%s: poll failed (%s), %d in a row", bridge.label or bridge.id, tostring(reason), failures))
  if failures < consts.FAILURES_BEFORE_OFFLINE then return false end

  local first_time = bridge:get_field(fields.LINK_DOWN) ~= true
  bridge:set_field(fields.LINK_DOWN, true)
  emitter.emit_changed(bridge, mapping.hub_link_events(false))
  for _, child in ipairs(children(bridge)) do
    if kinds.of(child) == "home" then emitter.emit_changed(child, mapping.hub_link_events(false)) end
    child:offline()
  end
  if reason == "unauthorized" then
    bridge:online()
  else
    bridge:offline()
  end
  if first_time then
    log.warn_with({ hub_logs = true }, string.format("%s: bridge lost (%s); devices offline until it answers again",
      bridge.label or bridge.id, tostring(reason)))
  end
  return first_time
end

--- The hub reached the bridge but has no accepted token: hubLink shows open at once.
function health.show_unauthorized(bridge)
  emitter.emit_changed(bridge, mapping.hub_link_events(false))
  for _, child in ipairs(children(bridge)) do
    if kinds.of(child) == "home" then emitter.emit_changed(child, mapping.hub_link_events(false)) end
  end
end

function health.is_down(bridge)
  return bridge:get_field(fields.LINK_DOWN) == true
end

return health
