-- JSON for the driver: the hub's st.json when present (native, falls back to dkjson itself),
-- plain dkjson elsewhere (specs, the e2e script). decode never raises.
local has_st_json, loaded = pcall(require, "st.json")
local st_json = has_st_json and loaded or nil
local dkjson = (not st_json) and require "dkjson" or nil

local codec = {}

function codec.encode(value)
  if st_json then return st_json.encode(value) end
  return dkjson.encode(value)
end

--- @return any|nil value, string|nil err
function codec.decode(text)
  if type(text) ~= "string" or text == "" then return nil, "empty body" end
  local success, value, _, err = pcall(function()
    if st_json then return st_json.decode(text) end
    return dkjson.decode(text, 1, nil)
  end)
  if not success then return nil, "invalid JSON" end
  if value == nil then return nil, err or "invalid JSON" end
  return value
end

return codec
