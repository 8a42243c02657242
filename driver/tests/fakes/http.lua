-- Fake cosock.socket.http: routes requests to a handler (usually tests/fakes/bridge.lua) and
-- records them. request{url, method, headers, source, sink} behaves like LuaSocket's generic form.
local ltn12 = require "ltn12"
local dkjson = require "dkjson"

local Http = {}
Http.__index = Http

function Http.new()
  local self = setmetatable({ requests = {}, handler = nil, down = false }, Http)
  self.module = {
    TIMEOUT = nil,
    request = function(reqt) return self:_request(reqt) end,
  }
  return self
end

function Http:_request(reqt)
  assert(type(reqt) == "table", "generic request form expected")
  local host, port, path = reqt.url:match("^http://([^:/]+):(%d+)(/.*)$")
  assert(host, "bad url " .. tostring(reqt.url))
  local chunks = {}
  if reqt.source then ltn12.pump.all(reqt.source, (ltn12.sink.table(chunks))) end
  local text = table.concat(chunks)
  local request = {
    method = reqt.method or "GET", host = host, port = tonumber(port), path = path,
    headers = reqt.headers or {}, raw_body = text, timeout = self.module.TIMEOUT,
  }
  if text ~= "" then request.body = dkjson.decode(text) end
  self.requests[#self.requests + 1] = request
  if self.down then return nil, "connection refused" end

  local status, body, headers = self.handler(request)
  if status == nil then return nil, body or "timeout" end
  local out = ""
  if type(body) == "table" then out = dkjson.encode(body) elseif type(body) == "string" then out = body end
  if reqt.sink and out ~= "" then ltn12.pump.all(ltn12.source.string(out), reqt.sink) end
  local lower = {}
  for k, v in pairs(headers or {}) do lower[k:lower()] = v end
  return 1, status, lower, "HTTP/1.1 " .. tostring(status)
end

--- Requests matching method and path (a Lua pattern), in order.
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
