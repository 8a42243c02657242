-- SSDP client for the bridge: M-SEARCH, reply parsing, USN -> stable id, LOCATION -> address.
-- The parsing functions are pure; search() does the UDP I/O with the socket module it is given
-- (cosock's on the hub, LuaSocket in the e2e script, a fake in the specs).
local consts = require "consts"

local ssdp = {}

ssdp.MULTICAST_IP = "239.255.255.250"
ssdp.MULTICAST_PORT = 1900

function ssdp.build_msearch(search_target, mx_s)
  return table.concat({
    "M-SEARCH * HTTP/1.1",
    "HOST: " .. ssdp.MULTICAST_IP .. ":" .. ssdp.MULTICAST_PORT,
    'MAN: "ssdp:discover"',
    "MX: " .. tostring(mx_s or consts.SSDP_MX_S),
    "ST: " .. (search_target or consts.SEARCH_TARGET),
    "",
    "",
  }, "\r\n")
end

--- Headers of an SSDP "HTTP/1.1 200 OK" reply, keys lower-cased; nil plus reason otherwise.
function ssdp.parse_response(datagram)
  if type(datagram) ~= "string" then return nil, "no data" end
  local status_line, rest = datagram:match("^([^\r\n]*)\r?\n(.*)$")
  if not status_line or not status_line:match("^HTTP/1%.1%s+200") then
    return nil, "not a 200 reply"
  end
  local headers = {}
  for line in rest:gmatch("[^\r\n]+") do
    local key, value = line:match("^%s*([^:]+):%s*(.-)%s*$")
    if key then headers[key:lower()] = value end
  end
  return headers
end

--- "uuid:<id>::urn:..." -> "<id>" (the bridge's stable id, our device network id).
function ssdp.parse_usn(usn)
  if type(usn) ~= "string" then return nil end
  local id = usn:match("^uuid:([^:]+)::") or usn:match("^uuid:([^:]+)$")
  if id and id ~= "" then return id end
  return nil
end

--- "http://<host>:<port>/path" -> host, port (number), path.
function ssdp.parse_location(location)
  if type(location) ~= "string" then return nil end
  local host, port, path = location:match("^[hH][tT][tT][pP]://([^:/]+):(%d+)(/?.*)$")
  if not host then
    host, path = location:match("^[hH][tT][tT][pP]://([^:/]+)(/?.*)$")
    port = "80"
  end
  if not host then return nil end
  local port_n = tonumber(port)
  if not port_n or port_n < 1 or port_n > 65535 then return nil end
  return host, port_n, (path ~= "" and path or "/")
end

local UNUSABLE_HOSTS = { ["0.0.0.0"] = true, ["localhost"] = true }

--- A reply's headers (+ the UDP sender's ip) -> { id, host, port, location } or nil plus reason.
function ssdp.to_bridge(headers, sender_ip, search_target)
  if type(headers) ~= "table" then return nil, "no headers" end
  local wanted = search_target or consts.SEARCH_TARGET
  if headers.st ~= wanted then return nil, "other search target" end
  local id = ssdp.parse_usn(headers.usn)
  if not id then return nil, "reply without a usable USN" end
  local host, port = ssdp.parse_location(headers.location)
  if not host then return nil, "reply without a usable LOCATION" end
  -- A bridge that could not tell its LAN address still answered from one: use that.
  if UNUSABLE_HOSTS[host] and sender_ip then host = sender_ip end
  return { id = id, host = host, port = port, location = headers.location }
end

--- Sends one M-SEARCH and collects the bridges that answer within wait_s.
--- opts: socket (module with udp() and gettime()), target_ip, target_port, wait_s, mx_s,
---       search_target, id (only keep this bridge).
--- @return table list of bridges (possibly empty), string|nil error
function ssdp.search(opts)
  local socket = opts.socket
  local udp, err = socket.udp()
  if not udp then return {}, "udp: " .. tostring(err) end
  local ok, bind_err = udp:setsockname("0.0.0.0", 0)
  if not ok then udp:close(); return {}, "bind: " .. tostring(bind_err) end

  local target = opts.search_target or consts.SEARCH_TARGET
  local sent, send_err = udp:sendto(ssdp.build_msearch(target, opts.mx_s),
    opts.target_ip or ssdp.MULTICAST_IP, opts.target_port or ssdp.MULTICAST_PORT)
  if not sent then udp:close(); return {}, "send: " .. tostring(send_err) end

  local found, seen = {}, {}
  local deadline = socket.gettime() + (opts.wait_s or consts.SSDP_WAIT_S)
  while true do
    local remaining = deadline - socket.gettime()
    if remaining <= 0 then break end
    udp:settimeout(remaining)
    local data, ip = udp:receivefrom()
    if not data then break end -- timeout or closed
    local headers = ssdp.parse_response(data)
    local bridge = headers and ssdp.to_bridge(headers, ip, target)
    if bridge and not seen[bridge.id] and (not opts.id or opts.id == bridge.id) then
      seen[bridge.id] = true
      found[#found + 1] = bridge
      if opts.id then break end
    end
  end
  udp:close()
  return found
end

return ssdp
