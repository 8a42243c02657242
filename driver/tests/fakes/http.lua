-- Fake cosock.socket.http: routes requests to a handler (usually tests/fakes/bridge.lua) and
-- records them. request{url, method, headers, source, sink} behaves like LuaSocket's generic form.
-- Long polls: when the handler answers "hold", the calling task (a coroutine, as cosock.spawn
-- gives on the hub) is parked until wake() finds the handler ready to answer (the state changed,
-- or the network went down), the bridge's wait runs out, or the client's TIMEOUT fires — all on
-- the fake clock.
local ltn12 = require "ltn12"
local dkjson = require "dkjson"

local Http = {}
Http.__index = Http

function Http.new(timers)
  local self = setmetatable({ requests = {}, handler = nil, down = false, held = {}, timers = timers }, Http)
  self.module = {
    TIMEOUT = nil,
    request = function(reqt) return self:_request(reqt) end,
  }
  return self
end

local function remove(list, item)
  for i, x in ipairs(list) do
    if x == item then
      table.remove(list, i)
      return true
    end
  end
  return false
end

--- Resumes a parked request with an answer (status, body, headers) or (nil, reason).
function Http:_answer(entry, status, body, headers)
  if not remove(self.held, entry) then return end
  self.timers:cancel(entry.expiry)
  self.timers:cancel(entry.client_timeout)
  local ok, err = coroutine.resume(entry.co, status, body, headers)
  if not ok then error(err, 0) end
end

function Http:_park(request)
  if not coroutine.isyieldable() then return nil, "timeout" end
  local entry = { request = request, co = coroutine.running() }
  self.held[#self.held + 1] = entry
  if request.wait_s then
    entry.expiry = self.timers:call_with_delay(request.wait_s, function()
      local status, body, headers = self.handler(request, "wait_over")
      if status ~= "hold" then self:_answer(entry, status, body, headers) end
    end, "held read")
  end
  entry.client_timeout = self.timers:call_with_delay(request.timeout or 60, function()
    self:_answer(entry, nil, "timeout")
  end, "client timeout")
  return coroutine.yield()
end

function Http:_request(reqt)
  assert(type(reqt) == "table", "generic request form expected")
  local host, port, target = reqt.url:match("^http://([^:/]+):(%d+)(/.*)$")
  assert(host, "bad url " .. tostring(reqt.url))
  local path, query = target:match("^([^?]*)%??(.*)$")
  local chunks = {}
  if reqt.source then ltn12.pump.all(reqt.source, (ltn12.sink.table(chunks))) end
  local text = table.concat(chunks)
  local request = {
    method = reqt.method or "GET", host = host, port = tonumber(port), path = path, query = query,
    wait = query:match("^wait=([^&]*)") or query:match("&wait=([^&]*)"),
    headers = reqt.headers or {}, raw_body = text, timeout = self.module.TIMEOUT,
  }
  request.wait_s = tonumber(request.wait)
  if text ~= "" then request.body = dkjson.decode(text) end
  self.requests[#self.requests + 1] = request
  if self.down then return nil, "connection refused" end

  local status, body, headers = self.handler(request)
  if status == "hold" then status, body, headers = self:_park(request) end
  if status == nil then return nil, body or "timeout" end
  local out = ""
  if type(body) == "table" then out = dkjson.encode(body) elseif type(body) == "string" then out = body end
  if reqt.sink and out ~= "" then ltn12.pump.all(ltn12.source.string(out), reqt.sink) end
  local lower = {}
  for k, v in pairs(headers or {}) do lower[k:lower()] = v end
  return 1, status, lower, "HTTP/1.1 " .. tostring(status)
end

--- Asks the handler again about every held request: those it now answers are resumed; all of
--- them fail when the network is down (the connection dropped).
function Http:wake()
  local held = {}
  for i, entry in ipairs(self.held) do held[i] = entry end
  for _, entry in ipairs(held) do
    if self.down then
      self:_answer(entry, nil, "closed")
    else
      local status, body, headers = self.handler(entry.request, "recheck")
      if status ~= "hold" then self:_answer(entry, status, body, headers) end
    end
  end
end

--- Forgets the held requests without answering them (their tasks died: a driver restart).
function Http:drop_held()
  for _, entry in ipairs(self.held) do
    self.timers:cancel(entry.expiry)
    self.timers:cancel(entry.client_timeout)
  end
  self.held = {}
end

--- Requests matching method and path (a Lua pattern, without the query), in order.
function Http:find(method, path_pattern)
  local list = {}
  for _, r in ipairs(self.requests) do
    if (method == nil or r.method == method) and (path_pattern == nil or r.path:match(path_pattern)) then
      list[#list + 1] = r
    end
  end
  return list
end

function Http:clear() self.requests = {} end

return Http
