-- Fake socket module for ssdp.search: one UDP socket whose replies are scripted.
local Udp = {}

--- replies: list of { data = <datagram>, ip = <sender ip>, port = <sender port> }
function Udp.module(replies)
  local clock = { t = 1000 }
  local sent = {}
  local fake = {
    sent = sent,
    udp = function()
      local queue = {}
      for i, r in ipairs(replies) do queue[i] = r end
      return {
        setsockname = function() return 1 end,
        sendto = function(_, data, ip, port)
          sent[#sent + 1] = { data = data, ip = ip, port = port }
          return #data
        end,
        settimeout = function() end,
        receivefrom = function()
          local r = table.remove(queue, 1)
          if not r then clock.t = clock.t + 100; return nil, "timeout" end
          clock.t = clock.t + 0.1
          return r.data, r.ip, r.port
        end,
        close = function() end,
      }
    end,
    gettime = function() return clock.t end,
    sleep = function(s) clock.t = clock.t + s end,
  }
  return fake
end

return Udp
