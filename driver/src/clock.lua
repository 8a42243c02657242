-- The driver's only source of "now" (seconds, with a fraction where the socket library has one:
-- telling a held read from an immediate answer needs better than os.time()'s whole seconds).
-- Specs replace clock.now with a fake clock.
local has_cosock, socket = pcall(require, "cosock.socket")
if not has_cosock or type(socket) ~= "table" or type(socket.gettime) ~= "function" then
  local has_socket, plain = pcall(require, "socket")
  socket = has_socket and type(plain) == "table" and plain or nil
end

local clock = {}

function clock.now()
  if socket and type(socket.gettime) == "function" then return socket.gettime() end
  return os.time()
end

return clock
