-- Which of our three device kinds a device is, and the parent-assigned child keys.
--   bridge: LAN device, network id = the bridge's SSDP id
--   home:   EDGE_CHILD of the bridge, key "home:<homeId>"
--   room:   EDGE_CHILD of the bridge, key "room:<homeId>:<roomId>"
local kinds = {}

function kinds.home_key(home_id)
  return "home:" .. tostring(home_id)
end

function kinds.room_key(home_id, room_id)
  return "room:" .. tostring(home_id) .. ":" .. tostring(room_id)
end

--- "home:<h>" -> "home", h;  "room:<h>:<r>" -> "room", h, r;  anything else -> nil
function kinds.parse_key(key)
  if type(key) ~= "string" then return nil end
  local home_id, room_id = key:match("^room:([^:]+):(.+)$")
  if home_id then return "room", home_id, room_id end
  home_id = key:match("^home:(.+)$")
  if home_id then return "home", home_id end
  return nil
end

--- "bridge" | "home" | "room", then home id and room id for children.
function kinds.of(device)
  if device.parent_assigned_child_key then
    return kinds.parse_key(device.parent_assigned_child_key)
  end
  return "bridge"
end

--- The bridge device a device belongs to (itself for the bridge).
function kinds.bridge_of(device)
  if kinds.of(device) == "bridge" then return device end
  return device:get_parent_device()
end

return kinds
