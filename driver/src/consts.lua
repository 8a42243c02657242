-- Numbers and names shared by the driver modules. Units are in the names.
local consts = {}

consts.SEARCH_TARGET = "urn:netatmo-smartthings-bridge:device:bridge:1"

-- Network id of the bridge device a scan creates when no bridge answers (multicast blocked):
-- the user then types the address in its settings.
consts.MANUAL_BRIDGE_ID = "netatmo-bridge-manual"
consts.MANUAL_AFTER_ROUNDS = 3

consts.PROFILE_BRIDGE = "netatmo-bridge.v1"
consts.PROFILE_HOME = "netatmo-home.v1"
consts.PROFILE_ROOM = "netatmo-room.v1"

-- Sent with every request (X-Netatmo-Bridge-Driver: <version>; api=<level>) so the bridge can tell
-- an owner when the driver on the hub is older than the bridge. LAN_API_LEVEL rises when the
-- driver starts using something new of the LAN API; drivers without the header count as level 1.
consts.DRIVER_VERSION = "1.1.0"
consts.LAN_API_LEVEL = 2

consts.DEFAULT_BRIDGE_PORT = 5000
consts.HTTP_TIMEOUT_S = 5

consts.DEFAULT_POLL_S = 15
consts.MIN_POLL_S = 5
-- The first poll after init/infoChanged: soon, but off the lifecycle handler's own stack.
consts.FIRST_POLL_DELAY_S = 1

-- Two failed polls in a row mean the hub lost the bridge (one miss is often a Wi-Fi hiccup).
consts.FAILURES_BEFORE_OFFLINE = 2

-- The watchdog looks every minute; a poll is "dead" when it missed this many intervals.
consts.WATCHDOG_INTERVAL_S = 60
consts.WATCHDOG_MISSED_POLLS = 3

consts.SSDP_MX_S = 2
consts.SSDP_WAIT_S = 3
consts.REDISCOVERY_MIN_S = 15
consts.REDISCOVERY_MAX_S = 300

-- A child the driver asked for but that has not arrived in `added` yet is not asked for again
-- before this delay (try_create_device is asynchronous on the hub).
consts.CHILD_CREATE_RETRY_S = 120

consts.SETPOINT_MIN_C = 7
consts.SETPOINT_MAX_C = 30
consts.SETPOINT_STEP_C = 0.5

return consts
