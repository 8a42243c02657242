-- Fake LAN API server behind the fake HTTP layer, serving the canonical payloads of
-- test/fixtures/lan/: bearer auth, pairing window, ETag/304, long poll (?wait=S held while the
-- ETag is current, like the real bridge), command routes answered with the
-- command-*.response.json fixtures, errors shaped like error-*.json.
-- Switches: honours_wait = false (an older bridge: answers at once), refuses_wait = true (400 to
-- any wait), hang_reads = true (holds every state read and never answers).
local dkjson = require "dkjson"

local Bridge = {}
Bridge.__index = Bridge

local here = debug.getinfo(1, "S").source:match("^@(.*)/[^/]*$") or "."
Bridge.FIXTURES_DIR = here .. "/../../../test/fixtures/lan"

function Bridge.fixture_text(name)
  local fh = assert(io.open(Bridge.FIXTURES_DIR .. "/" .. name, "r"), "missing fixture " .. name)
  local text = fh:read("a")
  fh:close()
  return text
end

function Bridge.fixture(name)
  local value, _, err = dkjson.decode(Bridge.fixture_text(name))
  assert(value ~= nil, "bad fixture " .. name .. ": " .. tostring(err))
  return value
end

local COMMAND_FIXTURES = { "home-mode", "schedule", "back-to-schedule", "setpoint", "room-mode", "refresh" }

function Bridge.new()
  local self = setmetatable({
    token = Bridge.fixture("pair-ok.json").token,
    pairing_open = true,
    overrides = {}, -- path -> { status, body, headers }
    commands = {},  -- path -> response envelope
    honours_wait = true,
    refuses_wait = false,
    hang_reads = false,
  }, Bridge)
  self:use_state("state-full.json")
  for _, name in ipairs(COMMAND_FIXTURES) do
    local request = Bridge.fixture("command-" .. name .. ".request.json")
    self.commands[request.method .. " " .. request.path] = Bridge.fixture("command-" .. name .. ".response.json")
  end
  return self
end

--- Serves a state fixture (decoded; its revision becomes the ETag).
function Bridge:use_state(name)
  self.state = Bridge.fixture(name)
end

--- Changes the served state: fn(state) edits it, the revision goes up.
function Bridge:mutate(fn)
  fn(self.state)
  self.state.revision = self.state.revision + 1
end

function Bridge:home(home_id)
  for _, home in ipairs(self.state.homes) do if home.id == home_id then return home end end
end

function Bridge:room(home_id, room_id)
  for _, room in ipairs(self:home(home_id).rooms) do if room.id == room_id then return room end end
end

local function error_envelope(code)
  return Bridge.fixture("error-" .. code:gsub("_", "-") .. ".json")
end

--- GET /api/v1/state; `wait_over` when the held read's wait ran out.
function Bridge:read_state(req, wait_over)
  if self.hang_reads then return "hold" end
  if req.wait ~= nil and (self.refuses_wait or (self.honours_wait and not (req.wait_s and req.wait_s >= 1 and req.wait_s <= 60))) then
    local e = error_envelope("invalid_request")
    return e.status, e.body
  end
  local etag = '"' .. tostring(self.state.revision) .. '"'
  if req.headers["if-none-match"] == etag then
    if req.wait_s and self.honours_wait and not wait_over then return "hold" end
    return 304, nil, { ETag = etag }
  end
  return 200, self.state, { ETag = etag, ["Content-Type"] = "application/json" }
end

--- phase: nil for a request arriving; "recheck" / "wait_over" for a held read (authorised when it
--- arrived; like the real bridge, only the state decides its answer from then on).
function Bridge:handle(req, phase)
  if phase then return self:read_state(req, phase == "wait_over") end
  local key = req.method .. " " .. req.path
  local override = self.overrides[key]
  if override then return override.status, override.body, override.headers end

  if key == "POST /api/v1/pair" then
    if self.pairing_open then
      local body = Bridge.fixture("pair-ok.json")
      body.token = self.token -- the bridge's current token (specs may rotate it)
      return 200, body
    end
    return 403, Bridge.fixture("pair-closed.json")
  end
  if key == "GET /api/v1/description" then return 200, Bridge.fixture("description.json") end

  if req.headers["authorization"] ~= "Bearer " .. self.token then
    local e = error_envelope("unauthorized")
    return e.status, e.body
  end
  if key == "GET /api/v1/state" then return self:read_state(req, false) end
  local envelope = self.commands[key]
  if envelope then
    if envelope.body and envelope.body.home then
      -- The command changed the home: later polls serve it too.
      local home = envelope.body.home
      for i, h in ipairs(self.state.homes) do if h.id == home.id then self.state.homes[i] = home end end
      self.state.revision = envelope.body.revision
    end
    return envelope.status, envelope.body, envelope.headers
  end
  local e = error_envelope("not_found")
  return e.status, e.body
end

--- Makes `method path` answer with an error fixture, e.g. bridge:fail_with("POST", path, "not_supported").
function Bridge:fail_with(method, path, code)
  local e = error_envelope(code)
  self.overrides[method .. " " .. path] = { status = e.status, body = e.body, headers = e.headers }
end

return Bridge
