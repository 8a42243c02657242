-- When to read the bridge's state next, from what the last read showed (pure: no I/O, no clock).
-- A bridge that holds reads (long poll) is asked again at once, so one read is always open and a
-- change arrives as soon as the bridge has it. One that does not hold them (an older version
-- ignoring `wait`, one with every slot taken, one shutting down) answers a 304 at once; that is
-- how it is recognised, and it is then read every poll interval, never in a loop.
local consts = require "consts"

local read_plan = {}

--- read: { ok, status, waited, wait_refused, elapsed_s, etag_sent, etag_got } (see poll_loop).
--- ctx:  { interval_s, wait_s, quick_reads, wait_refused }
--- Returns { delay_s, mode = "long" | "periodic" | nil (unchanged), quick_reads }.
function read_plan.next_read(read, ctx)
  local interval = ctx.interval_s
  if read.wait_refused then
    -- The bridge refused our `wait` (400): read again at once without it, then periodically.
    return { delay_s = 0, mode = "periodic", quick_reads = 0 }
  end
  if not read.ok then
    -- Failures keep today's rhythm (and health's count): the next try after the interval.
    return { delay_s = interval, quick_reads = 0 }
  end
  local quick = (read.elapsed_s or 0) < consts.QUICK_ANSWER_S
  if read.status == 200 then
    if not read.etag_got or read.etag_got == read.etag_sent then
      -- Nothing to wait on next time: no usable ETag.
      return { delay_s = interval, mode = "periodic", quick_reads = 0 }
    end
    if not quick then return { delay_s = 0, mode = read.waited and "long" or nil, quick_reads = 0 } end
    local quick_reads = (ctx.quick_reads or 0) + 1
    return { delay_s = quick_reads >= 2 and consts.MIN_READ_GAP_S or 0, quick_reads = quick_reads }
  end
  -- 304: nothing changed.
  if read.waited then
    if read.elapsed_s >= ctx.wait_s - consts.LONG_POLL_HELD_MARGIN_S then
      return { delay_s = 0, mode = "long", quick_reads = 0 }
    end
    return { delay_s = interval, mode = "periodic", quick_reads = 0 }
  end
  if ctx.wait_refused then return { delay_s = interval, quick_reads = 0 } end
  -- A read without `wait` because the link was in doubt, and it answered: hold the next one.
  return { delay_s = 0, quick_reads = 0 }
end

return read_plan
