// The LAN API's error shape (docs/lan-api.md) is the bridge's HTTP error shape, defined once in
// src/http/api-error.ts; the LAN code calls it by its own name.
export { ApiError as LanError, sendApiError as sendLanError, type ApiErrorCode as LanErrorCode } from '../http/api-error.js';
