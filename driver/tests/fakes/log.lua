-- Fake `log` module: records every line (specs check what was said, and that no token leaks).
local log = { lines = {} }

local function recorder(level)
  return function(...)
    local parts = {}
    for i = 1, select("#", ...) do parts[#parts + 1] = tostring((select(i, ...))) end
    log.lines[#log.lines + 1] = { level = level, message = table.concat(parts, " ") }
  end
end

for _, level in ipairs({ "trace", "debug", "info", "warn", "error" }) do
  log[level] = recorder(level)
  local plain = log[level]
  log[level .. "_with"] = function(_opts, ...) plain(...) end
end

function log.clear() log.lines = {} end

function log.find(pattern, level)
  for _, line in ipairs(log.lines) do
    if (level == nil or line.level == level) and line.message:find(pattern) then return line end
  end
  return nil
end

function log.all_text()
  local parts = {}
  for _, line in ipairs(log.lines) do parts[#parts + 1] = line.message end
  return table.concat(parts, "\n")
end

return log
