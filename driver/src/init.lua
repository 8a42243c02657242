-- Netatmo Bridge (LAN) Edge driver: entry point. The behaviour lives in the modules:
-- discovery (SSDP, bridge devices), lifecycle (init re-arms the reads), poll_loop (one long
-- poll open per bridge), poller (state -> devices), commands (app -> LAN API), watchdog (restarts
-- a dead read loop). See driver/README.md.
local Driver = require "st.driver"
local discovery = require "discovery"
local lifecycle = require "lifecycle"
local commands = require "commands"
local watchdog = require "watchdog"
local safe = require "safe"

local driver = Driver("netatmo-bridge-lan", {
  discovery = discovery.handle,
  lifecycle_handlers = safe.wrap_table("lifecycle", lifecycle.handlers),
  capability_handlers = safe.wrap_table("command", commands.handlers),
})

watchdog.start(driver)
driver:run()
