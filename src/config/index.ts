export { loadConfig, type LoadConfigOptions } from './load.js';
export { formatConfigProblems } from './format.js';
export { ENV_NAMES, NETATMO_DEFAULT_API_URL, SMARTTHINGS_DEFAULT_API_URL, type EnvName } from './schema.js';
export type { Config, LoadConfigResult, PreferredPath, SimulatorSetting, LogFormatSetting } from './types.js';
export { simulatorWanted } from './simulator-mode.js';
export { checkPollTiming, POLL_TIMING, type PollTiming, type PollTimingProblem } from './poll-timing.js';
export { cloudPathMissing, type CloudPathFacts } from './cloud-path.js';
