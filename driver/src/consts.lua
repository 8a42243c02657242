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

-- Long poll (GET /api/v1/state?wait=S): the bridge holds the read up to S seconds and answers the
-- moment the state changes; the client allows a few seconds more before calling it a failure.
consts.LONG_POLL_WAIT_S = 30
consts.LONG_POLL_GRACE_S = 5
-- A 304 back this much sooner than S was not held (a bridge that ignores `wait`, is full or is
-- stopping): the next read waits for the poll interval instead of going out at once.
consts.LONG_POLL_HELD_MARGIN_S = 5
-- An answer faster than this was not held. Two such 200s in a row: pause MIN_READ_GAP_S before
-- the next read, so a bridge whose state changes non-stop is never read in a tight loop.
consts.QUICK_ANSWER_S = 1
consts.MIN_READ_GAP_S = 1

consts.DEFAULT_POLL_S = 15
consts.MIN_POLL_S = 5
-- The first poll after init/infoChanged: soon, but off the lifecycle handler's own stack.
consts.FIRST_POLL_DELAY_S = 1

-- Two failed polls in a row mean the hub lost the bridge (one miss is often a Wi-Fi hiccup).
consts.FAILURES_BEFORE_OFFLINE = 2

-- The watchdog looks every minute; reads are "dead" when none started or ended for this many
-- intervals plus one long poll's timeout.
consts.WATCHDOG_INTERVAL_S = 60
consts.WATCHDOG_MISSED_POLLS = 3

consts.SSDP_MX_S = 2
consts.SSDP_WAIT_S = 3
consts.REDISCOVERY_MIN_S = 15
consts.REDISCOVERY_MAX_S = 300

-- A device (bridge or child) the driver asked for but that has not arrived in `added` yet is not
-- asked for again before this delay (try_create_device is asynchronous on the hub).
consts.CREATE_RETRY_S = 120

consts.SETPOINT_MIN_C = 7
consts.SETPOINT_MAX_C = 30
consts.SETPOINT_STEP_C = 0.5

return consts
