// Runs one of the Edge driver's end-to-end Lua scripts (driver/tests/e2e/) and reads its JSON
// lines as they come, so a test can act while the script is still running (e.g. change the
// state while the driver holds a long poll) and stop it afterwards.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const luaReady = spawnSync('lua5.3', ['-e', 'require "socket"; require "dkjson"'], { encoding: 'utf8' }).status === 0;

export interface Step {
  step: string;
  [key: string]: unknown;
}

export interface LuaRun {
  child: ChildProcess;
  steps: Step[];
  stderr(): string;
  /** Resolves with the first step (already printed or to come) that matches, or rejects after `timeoutMs`. */
  waitFor(match: (step: Step) => boolean, timeoutMs: number): Promise<Step>;
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

export function startLua(script: string, args: string[]): LuaRun {
  const child = spawn('lua5.3', [path.join(repoRoot, 'driver/tests/e2e', script), ...args], { cwd: repoRoot });
  const steps: Step[] = [];
  const waiters: { match: (step: Step) => boolean; resolve: (step: Step) => void }[] = [];
  let buffer = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    let newline = buffer.indexOf('\n');
    while (newline !== -1) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + 1);
      if (line.trim() !== '') {
        const step = JSON.parse(line) as Step;
        steps.push(step);
        for (const waiter of [...waiters]) {
          if (waiter.match(step)) {
            waiters.splice(waiters.indexOf(waiter), 1);
            waiter.resolve(step);
          }
        }
      }
      newline = buffer.indexOf('\n');
    }
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    steps,
    stderr: () => stderr,
    exited,
    waitFor(match, timeoutMs) {
      const found = steps.find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no matching step within ${timeoutMs} ms; got ${JSON.stringify(steps)} ${stderr}`)), timeoutMs);
        waiters.push({
          match,
          resolve: (step) => {
            clearTimeout(timer);
            resolve(step);
          },
        });
      });
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
