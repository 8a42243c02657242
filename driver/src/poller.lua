-- One read of a bridge's state (GET /api/v1/state, If-None-Match, optionally held with ?wait=S)
-- and what follows from it: children, events, online/offline. When reads happen is the read
-- loop's business (poll_loop.lua).
local log = require "log"
local clock = require "clock"
local client = require "client"
local consts = require "consts"
local fields = require "fields"
local kinds = require "kinds"
local mapping = require "mapping"
local emitter = require "emitter"
local health = require "health"
local children = require "children"
local connection = require "connection"
local discovery = require "discovery"

local poller = {}

function poller.interval_s(bridge)
  local configured = tonumber(bridge.preferences and bridge.preferences.pollSeconds)
  if not configured then return consts.DEFAULT_POLL_S end
  return math.max(consts.MIN_POLL_S, math.floor(configured))
end

local function apply_home_to_children(bridge, present, home, netatmo, link_ok)
  local home_device = present[kinds.home_key(home.id)]
  local home_reachable = home.reachable ~= false
  if home_device then
    emitter.emit_changed(home_device, mapping.home_events(home, netatmo, link_ok))
    if home_reachable then home_device:online() else home_device:offline() end
  end
  for _, room in ipairs(type(home.rooms) == "table" and home.rooms or {}) do
    local room_device = present[kinds.room_key(home.id, room.id)]
    if room_device then
      emitter.emit_changed(room_device, mapping.room_events(room))
      if home_reachable and room.reachable ~= false then room_device:online() else room_device:offline() end
    end
  end
end

--- Applies a full state document: children, events, online/offline.
function poller.apply_state(driver, bridge, state)
  if type(state) ~= "table" or type(state.homes) ~= "table" then
    log.warn(string.format("%s: state without homes ignored", bridge.label or bridge.id))
    return
  end
  bridge:set_field(fields.STATE, state)
  emitter.emit_changed(bridge, mapping.bridge_events(state.netatmo, true))
  -- A bridge that is starting may not list every home yet: nothing counts as vanished then.
  local present = children.sync(driver, bridge, state, { keep_vanished = mapping.is_starting(state.netatmo) })
  for _, home in ipairs(state.homes) do
    apply_home_to_children(bridge, present, home, state.netatmo, true)
  end
end

--- Applies one home from a command answer at once, and keeps it in the cached state.
function poller.apply_home(driver, bridge, home)
  local state = bridge:get_field(fields.STATE)
  if type(state) ~= "table" or type(home) ~= "table" then return end
  local homes = {}
  for _, h in ipairs(state.homes or {}) do homes[#homes + 1] = (h.id == home.id) and home or h end
  local updated = {}
  for k, v in pairs(state) do updated[k] = v end
  updated.homes = homes
  bridge:set_field(fields.STATE, updated)
  -- Other homes may have changed too: the next poll must read the whole document.
  bridge:set_field(fields.ETAG, nil)
  local present = children.sync(driver, bridge, updated, { keep_vanished = mapping.is_starting(updated.netatmo) })
  apply_home_to_children(bridge, present, home, updated.netatmo, not health.is_down(bridge))
end

local function failed(driver, bridge, reason)
  if health.on_failure(bridge, reason) and reason == "unreachable" then
    discovery.schedule_rediscovery(driver, bridge, function() poller.safe_poll(driver, bridge) end)
  end
  return { ok = false, reason = reason }
end

--- One read. opts.wait_s asks the bridge to hold it until the state changes (long poll).
--- Returns { ok, status, etag_sent, etag_got }, or { wait_refused = true } when the bridge
--- answered 400 to the `wait` (not a failure: read again without it).
function poller.poll(driver, bridge, opts)
  local wait_s = opts and opts.wait_s or nil
  bridge:set_field(fields.LAST_POLL_AT, clock.now())
  local conn, why = connection.resolve(bridge)
  if not conn then
    if why == "no_token" then
      health.show_unauthorized(bridge)
      return failed(driver, bridge, "unauthorized")
    end
    return failed(driver, bridge, "unreachable")
  end

  local etag = bridge:get_field(fields.ETAG)
  local response, err = client.get_state(conn, etag, wait_s)
  if not response then
    log.debug(string.format("%s: GET state failed: %s", bridge.label or bridge.id, tostring(err)))
    return failed(driver, bridge, "unreachable")
  end
  if response.status == 401 then
    connection.on_unauthorized(bridge)
    health.show_unauthorized(bridge)
    return failed(driver, bridge, "unauthorized")
  end
  if response.status == 400 and wait_s then return { wait_refused = true } end
  if response.status == 304 then
    -- Nothing new, but children created since the last 200 (or back from offline) still need
    -- their values: re-applying the cached document emits only what they lack.
    health.on_success(bridge)
    poller.reapply(driver, bridge)
    return { ok = true, status = 304, etag_sent = etag, etag_got = etag }
  end
  if response.status ~= 200 or type(response.body) ~= "table" then
    return failed(driver, bridge, "http_" .. tostring(response.status))
  end
  health.on_success(bridge)
  local new_etag = response.headers and response.headers.etag or nil
  bridge:set_field(fields.ETAG, new_etag)
  poller.apply_state(driver, bridge, response.body)
  return { ok = true, status = 200, etag_sent = etag, etag_got = new_etag }
end

--- Re-applies the cached state (after the link came back with a 304, or a rejected command).
function poller.reapply(driver, bridge)
  local state = bridge:get_field(fields.STATE)
  if state then poller.apply_state(driver, bridge, state) end
end

--- poll() for timers and callbacks: an unexpected error is logged, never raised.
function poller.safe_poll(driver, bridge, opts)
  local ok, result = pcall(poller.poll, driver, bridge, opts)
  if ok then return result end
  log.error(string.format("%s: poll crashed: %s", bridge.label or bridge.id, tostring(result)))
  return { ok = false, reason = "crashed" }
end

return poller
