// The export file's limits, shared by the envelope, the forms and the sentences that name them.
/** No export comes near this (a few KiB); bigger input is refused before it is parsed. */
export const MAX_EXPORT_BYTES = 256 * 1024;
export const PASSPHRASE_MIN_LENGTH = 12;
export const PASSPHRASE_MAX_LENGTH = 1024;
