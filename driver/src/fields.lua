-- Names of the device fields the driver keeps (device:set_field / get_field).
-- "persist" fields survive a driver restart or hub reboot; the others are rebuilt by init.
local fields = {
  -- bridge device, persisted
  ADDRESS = "bridge_address",            -- "host:port" last found by discovery
  PAIRED_TOKEN = "paired_token",         -- LAN token obtained through POST /api/v1/pair (never logged)
  REMOVED_CHILD_KEYS = "removed_child_keys", -- children the user deleted: not re-created until a new scan

  -- bridge device, transient
  PAIRING_STATUS = "pairing_status",     -- "paired" | "preference" | "pairing_closed" | "token_rejected" | "unreachable"
  POLL_TIMER = "poll_timer",             -- the pause before the next read (none while a read is open)
  LAST_POLL_AT = "last_poll_at",         -- clock.now() when a read last started or ended (read by the watchdog)
  READ_LOOP = "read_loop",               -- generation of the read loop; a re-armed loop ends the old one
  READ_MODE = "read_mode",               -- "long" (the bridge holds reads) | "periodic" (it does not)
  WAIT_REFUSED = "wait_refused",         -- the bridge answered 400 to ?wait: read without it until re-armed
  QUICK_READS = "quick_reads",           -- 200s in a row that came back at once (not held)
  FAILURES = "consecutive_failures",
  LINK_DOWN = "hub_link_down",           -- true after FAILURES_BEFORE_OFFLINE failures, until a poll succeeds
  ETAG = "state_etag",
  STATE = "last_state",                  -- last GET /api/v1/state document
  PENDING_CHILDREN = "pending_children", -- key -> clock.now() of the try_create_device call
  REDISCOVERY_TIMER = "rediscovery_timer",
  REDISCOVERY_DELAY_S = "rediscovery_delay_s",

  -- every device, transient
  LAST_EMITTED = "last_emitted",         -- event key -> value last emitted (mapping.diff)
  VANISHED = "vanished",                 -- child whose home/room is no longer in the state
}

return fields
