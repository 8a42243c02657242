// How the CLI finds and proves itself to the running bridge of a data directory: at start the
// bridge writes <dataDir>/local-control.json (mode 0600) with its loopback address and a fresh
// random key; the CLI reads it. So the live channel asks exactly what the offline path asks —
// read access to the data directory — and nothing a LAN client can have (the LAN token travels
// in clear on the home network and lives on the hub). The file goes away when the bridge stops;
// one left by a crash names an address that no longer answers, which the CLI checks.
import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

export const CONTROL_FILE_NAME = 'local-control.json';

const controlSchema = z.strictObject({ url: z.url(), key: z.string().min(32).max(200), pid: z.number().int(), startedAt: z.string() });

export type ControlFile = z.infer<typeof controlSchema>;

export function newControlKey(): string {
  return randomBytes(32).toString('base64url');
}

export function controlFilePath(dataDir: string): string {
  return path.join(dataDir, CONTROL_FILE_NAME);
}

export async function writeControlFile(dataDir: string, control: ControlFile): Promise<void> {
  const file = controlFilePath(dataDir);
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, `${JSON.stringify(control)}\n`, { mode: 0o600 });
  await rename(temp, file);
}

/** The control file, or null when there is none (or it is not ours / not readable). */
export async function readControlFile(dataDir: string): Promise<ControlFile | null> {
  try {
    const parsed = controlSchema.safeParse(JSON.parse(await readFile(controlFilePath(dataDir), 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Removes the file if it still holds `key` (a bridge restarted in place may have written a new one). */
export async function removeControlFile(dataDir: string, key: string): Promise<void> {
  const current = await readControlFile(dataDir);
  if (current?.key === key) await rm(controlFilePath(dataDir), { force: true });
}
