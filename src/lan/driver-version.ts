// Which LAN API the Edge driver on a hub speaks. The driver sends
// `X-Netatmo-Bridge-Driver: <driver version>; api=<level>` with every request (driver/src/client.lua);
// drivers from before that header count as level 1. The level rises when the driver starts to use
// something new of the LAN API, so a hub whose level is below the bridge's is missing a feature
// and should get the driver update. Pure; the header is untrusted input (length- and shape-checked).

/** The LAN API level this bridge serves. */
export const LAN_API_LEVEL = 2;
export const DRIVER_HEADER = 'x-netatmo-bridge-driver';

export interface DriverInfo {
  /** The driver's version, or null when it did not say (an older driver). */
  version: string | null;
  apiLevel: number;
}

/** The bridge's own CLI (status, doctor) reads the state too; it is not a hub. */
export const CLI_USER_AGENT_PREFIX = 'netatmo-bridge-cli/';

export const UNKNOWN_DRIVER: DriverInfo = { version: null, apiLevel: 1 };

export function parseDriverHeader(value: string | string[] | undefined): DriverInfo {
  const text = Array.isArray(value) ? value[0] : value;
  if (text === undefined || text.length > 100) return UNKNOWN_DRIVER;
  const match = /^\s*([0-9A-Za-z.+-]{1,32})\s*;\s*api=(\d{1,3})\s*$/.exec(text);
  if (!match?.[1] || !match[2]) return UNKNOWN_DRIVER;
  return { version: match[1], apiLevel: Number(match[2]) };
}

/** For the status page and doctor: whether the hub's driver speaks an older LAN API than this bridge (the advice is in the catalogue, status.driverAdvice). */
export function driverUpdateNeeded(driver: DriverInfo, bridgeLevel = LAN_API_LEVEL): boolean {
  return driver.apiLevel < bridgeLevel;
}
