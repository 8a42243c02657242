-- Where the bridge is and which LAN token to present, for one bridge device.
-- Address: the bridgeAddress preference wins over the address found by discovery.
-- Token: the lanToken preference wins when set; otherwise the token obtained by pairing
-- (POST /api/v1/pair), asked for when there is none. A closed pairing window is shown as the
-- pairing status, in the hub log and as an open hubLink; the user then enters the token as a
-- preference (or opens the window on the bridge and the next poll pairs by itself).
local log = require "log"
local client = require "client"
local consts = require "consts"
local fields = require "fields"

local connection = {}

local function trim(s)
  if type(s) ~= "string" then return "" end
  return (s:gsub("^%s+", ""):gsub("%s+$", ""))
end

--- "host:port" or "host" -> host, port (number); nil for anything else.
function connection.parse_address(text)
  text = trim(text)
  if text == "" then return nil end
  text = text:gsub("^[hH][tT][tT][pP]://", ""):gsub("/.*$", "")
  local host, port = text:match("^([%w%.%-]+):(%d+)$")
  if not host then
    host = text:match("^([%w%.%-]+)$")
    port = consts.DEFAULT_BRIDGE_PORT
  end
  port = tonumber(port)
  if not host or not port or port < 1 or port > 65535 then return nil end
  return host, port
end

local function preference(device, name)
  return device.preferences and device.preferences[name] or nil
end

--- host, port, source ("preference" | "discovery"), or nil.
function connection.address(device)
  local host, port = connection.parse_address(preference(device, "bridgeAddress"))
  if host then return host, port, "preference" end
  host, port = connection.parse_address(device:get_field(fields.ADDRESS))
  if host then return host, port, "discovery" end
  return nil
end

function connection.has_address_override(device)
  return connection.parse_address(preference(device, "bridgeAddress")) ~= nil
end

local function set_status(device, status)
  if device:get_field(fields.PAIRING_STATUS) ~= status then
    device:set_field(fields.PAIRING_STATUS, status)
    if status == "pairing_closed" then
      log.warn_with({ hub_logs = true }, string.format(
        "%s: pairing is closed on the bridge. Choose \"Open the pairing window\" on the bridge's admin page (/admin), or enter the LAN token from that page in this device's settings.",
        device.label or device.id))
    elseif status == "token_rejected" then
      log.warn_with({ hub_logs = true }, string.format(
        "%s: the bridge rejected the LAN token. Check the token in this device's settings or pair again.",
        device.label or device.id))
    end
  end
end

--- Token to present, asking the bridge to pair when there is none. Returns token or nil.
function connection.token(device, host, port)
  local pref = trim(preference(device, "lanToken"))
  if pref ~= "" then
    if device:get_field(fields.PAIRING_STATUS) ~= "token_rejected" then set_status(device, "preference") end
    return pref
  end
  local paired = device:get_field(fields.PAIRED_TOKEN)
  if type(paired) == "string" and paired ~= "" then return paired end

  local response, err = client.pair({ host = host, port = port })
  if not response then
    set_status(device, "unreachable")
    log.info(string.format("%s: pairing request failed: %s", device.label or device.id, tostring(err)))
    return nil
  end
  if response.status == 200 and type(response.body) == "table" and type(response.body.token) == "string" then
    device:set_field(fields.PAIRED_TOKEN, response.body.token, { persist = true })
    set_status(device, "paired")
    log.info(string.format("%s: paired with the bridge", device.label or device.id))
    return response.body.token
  end
  if response.status == 403 then
    set_status(device, "pairing_closed")
  else
    set_status(device, "unreachable")
  end
  return nil
end

--- { host, port, token } for the next request, or nil plus "no_address" | "no_token".
function connection.resolve(device)
  local host, port = connection.address(device)
  if not host then return nil, "no_address" end
  local token = connection.token(device, host, port)
  if not token then return nil, "no_token", { host = host, port = port } end
  return { host = host, port = port, token = token }
end

--- The bridge answered 401: forget a paired token (the next poll pairs again if it can).
function connection.on_unauthorized(device)
  device:set_field(fields.PAIRED_TOKEN, nil, { persist = true })
  set_status(device, "token_rejected")
end

--- Preferences changed: forget a rejected status so the new token gets a fair try.
function connection.reset_status(device)
  device:set_field(fields.PAIRING_STATUS, nil)
end

return connection
