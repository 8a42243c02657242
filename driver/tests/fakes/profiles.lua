-- Reads driver/profiles/*.yml just enough for the fakes: profile name -> components (with their
-- capability ids) and preference defaults. Handles only the layout our profiles use.
local profiles = {}

local function scalar(text)
  text = text:gsub("%s+#.*$", ""):gsub("^%s+", ""):gsub("%s+$", "")
  local quoted = text:match('^"(.*)"$') or text:match("^'(.*)'$")
  if quoted then return quoted end
  if tonumber(text) then return tonumber(text) end
  if text == "true" then return true end
  if text == "false" then return false end
  return text
end

function profiles.parse(text)
  local profile = { components = {}, preferences = {} }
  local section, component, preference, in_capabilities = nil, nil, nil, false
  for line in text:gmatch("[^\n]*") do
    local indent = #line:match("^(%s*)")
    local top = line:match("^(%w+):")
    if top then
      section = top
      if top == "name" then profile.name = scalar(line:match("^name:(.*)$")) end
    elseif section == "components" then
      local id = line:match("^  %- id:%s*(.+)$")
      if id then
        component = { id = scalar(id), capabilities = {} }
        profile.components[component.id] = component
        in_capabilities = false
      elseif line:match("^    capabilities:") then
        in_capabilities = true
      elseif indent == 4 then
        in_capabilities = false
      elseif in_capabilities and component then
        local cap = line:match("^      %- id:%s*(.+)$")
        if cap then component.capabilities[scalar(cap)] = true end
      end
    elseif section == "preferences" then
      local name = line:match("^  %- name:%s*(.+)$")
      if name then
        preference = scalar(name)
        profile.preferences[preference] = ""
      else
        local default = line:match("^      default:%s*(.*)$")
        if default and preference then profile.preferences[preference] = scalar(default) end
      end
    end
  end
  return profile
end

local cache = nil

--- All profiles of the package, by profile name.
function profiles.load(dir)
  if cache then return cache end
  cache = {}
  local listing = io.popen('ls "' .. dir .. '"')
  for file in listing:lines() do
    if file:match("%.ya?ml$") then
      local fh = assert(io.open(dir .. "/" .. file))
      local profile = profiles.parse(fh:read("a"))
      fh:close()
      cache[profile.name] = profile
    end
  end
  listing:close()
  return cache
end

return profiles
