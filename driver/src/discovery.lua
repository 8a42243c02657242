-- Finding bridges: the "Scan nearby" discovery handler creates one LAN device per bridge
-- (network id = the stable id from the SSDP USN, so an IP change never duplicates it), and the
-- re-discovery of a bridge that moved (search by id with back-off, skipped when the user set
-- an address preference: the preference wins).
local log = require "log"
local clock = require "clock"
local consts = require "consts"
local fields = require "fields"
local ssdp = require "ssdp"
local children = require "children"

local has_cosock, socket = pcall(require, "cosock.socket")
if not has_cosock then socket = require "socket" end

local discovery = {}

-- Bridges seen by the last scans, by id: `added` reads the address of a new device here.
discovery.found = {}

-- Replaced by the e2e script / specs to search somewhere else than the multicast group.
discovery.search_options = {}

-- Network id -> clock.now() of the try_create_device call whose device has not arrived yet: the
-- next scan round (~3 s later) must not ask the hub for the same bridge again.
local asked_at = {}

--- Asks the hub for a bridge device unless that was done less than CREATE_RETRY_S ago.
local function create_once(driver, meta)
  local now = clock.now()
  local last = asked_at[meta.device_network_id]
  if last and now - last < consts.CREATE_RETRY_S then return false end
  asked_at[meta.device_network_id] = now
  driver:try_create_device(meta)
  return true
end

--- The LAN device that stands for one bridge (found by SSDP, or created for a manual address).
local function bridge_device(network_id)
  return {
    type = "LAN",
    device_network_id = network_id,
    label = "Netatmo Bridge",
    profile = consts.PROFILE_BRIDGE,
    manufacturer = "netatmo-smartthings-bridge",
    model = "LAN bridge v1",
    vendor_provided_label = "Netatmo Bridge",
  }
end

local function search(extra)
  local opts = { socket = socket }
  for k, v in pairs(discovery.search_options) do opts[k] = v end
  for k, v in pairs(extra or {}) do opts[k] = v end
  local ok, found, err = pcall(ssdp.search, opts)
  if not ok then return {}, tostring(found) end
  return found or {}, err
end

local function address_of(bridge_info)
  return bridge_info.host .. ":" .. tostring(bridge_info.port)
end

--- Stores a (possibly new) discovered address on a bridge device. Returns true when it changed.
function discovery.update_address(device, bridge_info)
  local address = address_of(bridge_info)
  if device:get_field(fields.ADDRESS) == address then return false end
  device:set_field(fields.ADDRESS, address, { persist = true })
  log.info(string.format("%s: bridge address is now %s", device.label or device.id, address))
  return true
end

local function devices_by_network_id(driver)
  local index = {}
  for _, device in ipairs(driver:get_devices()) do
    if device.device_network_id then index[device.device_network_id] = device end
  end
  return index
end

--- Handles the bridges one scan found: new ones become devices, known ones get their address.
function discovery.handle_found(driver, bridges)
  local known = devices_by_network_id(driver)
  for _, b in ipairs(bridges) do
    discovery.found[b.id] = b
    local device = known[b.id]
    if device then
      discovery.update_address(device, b)
      -- A new scan is the user's way to get back the children they deleted.
      children.clear_removed(driver, device)
    else
      if create_once(driver, bridge_device(b.id)) then
        log.info(string.format("discovered bridge %s at %s", b.id, address_of(b)))
      end
    end
  end
end

local function create_manual_bridge(driver)
  if create_once(driver, bridge_device(consts.MANUAL_BRIDGE_ID)) then
    log.warn_with({ hub_logs = true }, "no Netatmo bridge answered the search: created a bridge device; "
      .. "set its Bridge address (host:port) in its settings")
  end
end

--- The driver's discovery handler ("Scan nearby").
function discovery.handle(driver, _opts, should_continue)
  log.info("searching for Netatmo bridges")
  local rounds, any_found = 0, false
  while should_continue() do
    local found, err = search()
    if err then log.warn("SSDP search failed: " .. tostring(err)) end
    rounds = rounds + 1
    any_found = any_found or #found > 0
    discovery.handle_found(driver, found)
    -- Multicast can be blocked (mesh Wi-Fi, IGMP snooping): after a few silent rounds give the
    -- user a device whose address setting works without discovery.
    if rounds == consts.MANUAL_AFTER_ROUNDS and not any_found and #driver:get_devices() == 0 then
      create_manual_bridge(driver)
    end
    if err then socket.sleep(1) end
  end
end

--- The address a new device should start with (set in `added`).
function discovery.adopt(device)
  asked_at[device.device_network_id] = nil
  local b = discovery.found[device.device_network_id]
  if b then discovery.update_address(device, b) end
end

--- After the link went down: look for this bridge by id, doubling the delay each miss (capped),
--- until it answers a search (then `on_found` polls at once) or a poll succeeds again.
function discovery.schedule_rediscovery(driver, device, on_found)
  local has_override = device.preferences and type(device.preferences.bridgeAddress) == "string"
    and device.preferences.bridgeAddress:match("%S")
  if has_override or device:get_field(fields.REDISCOVERY_TIMER) then return end
  local delay = device:get_field(fields.REDISCOVERY_DELAY_S) or consts.REDISCOVERY_MIN_S
  local timer = device.thread:call_with_delay(delay, function()
    device:set_field(fields.REDISCOVERY_TIMER, nil)
    if device:get_field(fields.LINK_DOWN) ~= true then
      device:set_field(fields.REDISCOVERY_DELAY_S, nil)
      return
    end
    -- The manual device adopts whichever bridge answers; a discovered one looks for itself.
    local id = device.device_network_id ~= consts.MANUAL_BRIDGE_ID and device.device_network_id or nil
    local found = search({ id = id })
    if found[1] then
      device:set_field(fields.REDISCOVERY_DELAY_S, nil)
      discovery.update_address(device, found[1])
      on_found()
    else
      device:set_field(fields.REDISCOVERY_DELAY_S, math.min(delay * 2, consts.REDISCOVERY_MAX_S))
      discovery.schedule_rediscovery(driver, device, on_found)
    end
  end, "rediscovery")
  device:set_field(fields.REDISCOVERY_TIMER, timer)
end

function discovery.cancel_rediscovery(device)
  local timer = device:get_field(fields.REDISCOVERY_TIMER)
  if timer then device.thread:cancel_timer(timer) end
  device:set_field(fields.REDISCOVERY_TIMER, nil)
end

return discovery
