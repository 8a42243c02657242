-- Runs a function in a task of its own: cosock.spawn on the hub, so a held read waits without
-- blocking the device's thread (its commands, refresh and lifecycle events go on meanwhile), as
-- the Philips Hue and JBL drivers keep their event streams in cosock tasks. Where there is no
-- cosock (plain Lua: the end-to-end script) the function simply runs now.
local has_cosock, cosock = pcall(require, "cosock")

local tasks = {}

function tasks.spawn(fn, name)
  if has_cosock and type(cosock) == "table" and type(cosock.spawn) == "function" then
    return cosock.spawn(fn, name)
  end
  return fn()
end

return tasks
