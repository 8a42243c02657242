// For `npm run pair` (src/cli): asks a running bridge to open its pairing window for 5 minutes.
// The CLI runs on the bridge's machine and reads the LAN token from the data file.
export interface PairingOpened {
  open: boolean;
  closesAt: string | null;
}

/** The bridge answered, but with a refusal; `reason` is the LAN API's (English) message. */
export class PairingRefusedError extends Error {
  override readonly name = 'PairingRefusedError';
  constructor(readonly reason: string) {
    super(`The bridge did not open pairing: ${reason}`);
  }
}

/** POST {bridgeUrl}/api/v1/pairing/open with the LAN token; throws PairingRefusedError on a refusal. */
export async function requestPairingWindow(bridgeUrl: string, lanToken: string, fetchImpl: typeof fetch = fetch): Promise<PairingOpened> {
  const res = await fetchImpl(`${bridgeUrl.replace(/\/+$/, '')}/api/v1/pairing/open`, {
    method: 'POST',
    headers: { authorization: `Bearer ${lanToken}` },
    signal: AbortSignal.timeout(5000),
  });
  const body = (await res.json().catch(() => null)) as { open?: unknown; closesAt?: unknown; error?: { message?: unknown } } | null;
  if (!res.ok) {
    const reason = typeof body?.error?.message === 'string' ? body.error.message : `HTTP ${res.status}`;
    throw new PairingRefusedError(reason);
  }
  return { open: body?.open === true, closesAt: typeof body?.closesAt === 'string' ? body.closesAt : null };
}
