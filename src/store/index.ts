// Public surface of the store. Other parts import from here (or store.ts for the interface only).
export type { Store } from './store.js';
export type * from './types.js';
export { CURRENT_SCHEMA_VERSION } from './types.js';
export { openFileStore, DATA_FILE_NAME, type FileStoreOptions } from './open-store.js';
export { StoreWriteError, StoreVersionError, StoreValidationError, StoreReadError, type StoreWriteFailureReason, type StoreProblem } from './errors.js';
export { generateLanToken } from './defaults.js';
export type { StoreFs } from './atomic-file-adapter.js';
export { storeTokenRepository } from './token-repository.js';
