-- read_plan: when the next state read goes out, from what the last one showed (pure).
package.path = "./src/?.lua;" .. package.path
local read_plan = require "read_plan"

local CTX = { interval_s = 15, wait_s = 30, quick_reads = 0 }

local function plan(read, ctx)
  local merged = {}
  for k, v in pairs(CTX) do merged[k] = v end
  for k, v in pairs(ctx or {}) do merged[k] = v end
  return read_plan.next_read(read, merged)
end

describe("read_plan", function()
  it("asks again at once after a 304 held for its whole wait: the bridge holds reads", function()
    local step = plan({ ok = true, status = 304, waited = true, elapsed_s = 30.02, etag_sent = '"4"', etag_got = '"4"' })
    assert.same({ delay_s = 0, mode = "long", quick_reads = 0 }, step)
    -- a coarse clock may see a little less than 30 s
    assert.equal("long", plan({ ok = true, status = 304, waited = true, elapsed_s = 29, etag_sent = '"4"', etag_got = '"4"' }).mode)
  end)

  it("waits the interval after a 304 that came back at once: older bridge, full, or stopping", function()
    local step = plan({ ok = true, status = 304, waited = true, elapsed_s = 0.01, etag_sent = '"4"', etag_got = '"4"' })
    assert.same({ delay_s = 15, mode = "periodic", quick_reads = 0 }, step)
    assert.equal("periodic", plan({ ok = true, status = 304, waited = true, elapsed_s = 12, etag_sent = '"4"', etag_got = '"4"' }).mode)
  end)

  it("asks again at once after a 200 with a new ETag; a 200 after a hold proves holding", function()
    local held = plan({ ok = true, status = 200, waited = true, elapsed_s = 7.5, etag_sent = '"4"', etag_got = '"5"' })
    assert.same({ delay_s = 0, mode = "long", quick_reads = 0 }, held)
    local quick = plan({ ok = true, status = 200, waited = true, elapsed_s = 0.02, etag_sent = nil, etag_got = '"5"' })
    assert.same({ delay_s = 0, quick_reads = 1 }, quick)
  end)

  it("pauses MIN_READ_GAP_S after the second quick 200 in a row", function()
    local step = plan({ ok = true, status = 200, waited = true, elapsed_s = 0.02, etag_sent = '"5"', etag_got = '"6"' }, { quick_reads = 1 })
    assert.same({ delay_s = 1, quick_reads = 2 }, step)
  end)

  it("a 200 without a usable ETag cannot be waited on: periodic", function()
    assert.same({ delay_s = 15, mode = "periodic", quick_reads = 0 },
      plan({ ok = true, status = 200, waited = true, elapsed_s = 0.1, etag_sent = '"5"', etag_got = nil }))
    assert.same({ delay_s = 15, mode = "periodic", quick_reads = 0 },
      plan({ ok = true, status = 200, waited = true, elapsed_s = 0.1, etag_sent = '"5"', etag_got = '"5"' }))
  end)

  it("a failure waits the interval and keeps the mode", function()
    assert.same({ delay_s = 15, quick_reads = 0 }, plan({ ok = false, reason = "unreachable", waited = true, elapsed_s = 35 }))
  end)

  it("a refused wait reads again at once without it", function()
    assert.same({ delay_s = 0, mode = "periodic", quick_reads = 0 }, plan({ wait_refused = true, waited = true, elapsed_s = 0 }))
    assert.same({ delay_s = 15, quick_reads = 0 },
      plan({ ok = true, status = 304, waited = false, elapsed_s = 0, etag_sent = '"4"', etag_got = '"4"' }, { wait_refused = true }))
  end)

  it("after a quick check of a link in doubt (no wait), the next read holds at once", function()
    assert.same({ delay_s = 0, quick_reads = 0 },
      plan({ ok = true, status = 304, waited = false, elapsed_s = 0.01, etag_sent = '"4"', etag_got = '"4"' }))
  end)
end)
