-- Device lifecycle handlers. The table is registered under the key `lifecycle_handlers`
-- (the earlier driver used `lifecycle`, which the framework silently ignores, so its polling
-- died at every hub reboot): `init` runs for every device after a reboot and re-arms polling.
local log = require "log"
local consts = require "consts"
local fields = require "fields"
local kinds = require "kinds"
local poller = require "poller"
local poll_loop = require "poll_loop"
local discovery = require "discovery"
local children = require "children"
local connection = require "connection"

local lifecycle = {}

function lifecycle.added(_driver, device)
  if kinds.of(device) == "bridge" then discovery.adopt(device) end
end

-- A child the last read asked for: fill it from the bridge's cached state right away (a held
-- read brings nothing new until the state changes). Shortly after init, when its parent can be
-- looked up; a no-op after a hub reboot (the cache is gone; the first read fills everything).
local function fill_new_child(driver, device)
  device.thread:call_with_delay(consts.FIRST_POLL_DELAY_S, function()
    local ok, bridge = pcall(device.get_parent_device, device)
    if ok and bridge then poller.reapply(driver, bridge) end
  end, "fill child")
end

function lifecycle.init(driver, device)
  local kind = kinds.of(device)
  if kind ~= "bridge" then
    if kind then fill_new_child(driver, device) end
    return
  end
  discovery.adopt(device)
  poll_loop.arm(driver, device)
end

local function changed(args, device, name)
  local old = args and args.old_st_store and args.old_st_store.preferences or {}
  local new = device.preferences or {}
  return old[name] ~= new[name]
end

function lifecycle.info_changed(driver, device, _event, args)
  if kinds.of(device) ~= "bridge" then return end
  local connection_changed = changed(args, device, "bridgeAddress") or changed(args, device, "lanToken")
  if connection_changed then
    connection.reset_status(device)
    device:set_field(fields.ETAG, nil)
    discovery.cancel_rediscovery(device)
  end
  if connection_changed or changed(args, device, "pollSeconds") then
    log.info(string.format("%s: settings changed, polling again", device.label or device.id))
    poll_loop.arm(driver, device)
  end
end

function lifecycle.removed(_driver, device)
  local kind = kinds.of(device)
  if kind == "bridge" then
    poll_loop.disarm(device)
    discovery.cancel_rediscovery(device)
    return
  end
  if kind then
    local ok, bridge = pcall(device.get_parent_device, device)
    if ok and bridge then children.mark_removed(bridge, device.parent_assigned_child_key) end
  end
end

lifecycle.handlers = {
  added = lifecycle.added,
  init = lifecycle.init,
  infoChanged = lifecycle.info_changed,
  removed = lifecycle.removed,
}

return lifecycle
