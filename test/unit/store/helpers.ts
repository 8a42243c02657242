// Shared helpers for the store tests: real temp directories and a logger whose output is captured.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createLogger, type Logger } from '../../../src/util/logger.js';

export interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

export interface CapturedLogger {
  logger: Logger;
  lines: LogLine[];
  /** Every line as raw JSON text (for "no secret anywhere" checks). */
  text(): string;
  at(level: 'info' | 'warn' | 'error'): LogLine[];
}

const LEVEL_NUMBERS = { info: 30, warn: 40, error: 50 } as const;

export function captureLogger(): CapturedLogger {
  const raw: string[] = [];
  const lines: LogLine[] = [];
  const logger = createLogger({
    level: 'debug',
    destination: {
      write(chunk: string) {
        raw.push(chunk);
        lines.push(JSON.parse(chunk) as LogLine);
      },
    },
  });
  return {
    logger,
    lines,
    text: () => raw.join(''),
    at: (level) => lines.filter((line) => line.level === LEVEL_NUMBERS[level]),
  };
}

export async function makeTempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'bridge-store-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export function sampleTokens(refreshToken: string) {
  return {
    accessToken: `access-${refreshToken}`,
    refreshToken,
    expiresAt: '2030-01-01T00:00:00.000Z',
    scope: ['read_thermostat', 'write_thermostat'],
    obtainedAt: '2025-01-01T00:00:00.000Z',
  };
}
