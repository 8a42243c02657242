// The docs cannot drift from the software: every shell block (```sh) in README.md,
// docs/lan-api.md and docs/operations.md runs here, in order, in one bash per file with
// `set -euo pipefail`, against a real bridge on 127.0.0.1 (BRIDGE, LAN_TOKEN and the settings its
// CLI needs are set; `netatmo-bridge` is this checkout's CLI). A block that cannot run on loopback
// carries `<!-- docs-test: skip <reason> -->` on the line before it; the test lists them.
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBridge, type TestBridge } from '../helpers/bridge.js';
import { REPO_ROOT } from '../helpers/spawned-bridge.js';

interface Block {
  file: string;
  line: number;
  code: string;
  skip: string | null;
}

const SHELL = new Set(['sh', 'bash', 'shell', 'console']);
const SKIP = /^<!--\s*docs-test:\s*skip\s+(.*?)\s*-->$/;

function shellBlocks(file: string, text: string): Block[] {
  const lines = text.split('\n');
  const out: Block[] = [];
  for (let i = 0; i < lines.length; i += 1) {
    const open = /^```(\w*)\s*$/.exec(lines[i] ?? '');
    if (!open) continue;
    const end = lines.findIndex((l, j) => j > i && /^```\s*$/.test(l));
    if (end === -1) throw new Error(`${file}:${i + 1}: unclosed code block`);
    if (SHELL.has(open[1] ?? '')) {
      const before = (lines[i - 1] ?? '').trim();
      const skip = SKIP.exec(before)?.[1] ?? (before.startsWith('<!-- docs-test') ? '' : null);
      out.push({ file, line: i + 1, code: lines.slice(i + 1, end).join('\n'), skip });
    }
    i = end;
  }
  return out;
}

/** Runs the blocks in one bash; resolves with the block that failed (or null) and the output. */
function runBlocks(blocks: Block[], env: Record<string, string>, cwd: string): Promise<{ failed: Block | null; output: string; code: number | null }> {
  const script = ['set -euo pipefail', ...blocks.flatMap((b, n) => [`echo "::block ${n}"`, b.code, `echo "::done ${n}"`])].join('\n');
  return new Promise((resolve) => {
    const child = spawn('bash', ['-c', script], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], timeout: 150_000 });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (output += c.toString('utf8')));
    child.once('close', (code) => {
      const started = [...output.matchAll(/^::block (\d+)$/gm)].map((m) => Number(m[1]));
      const done = new Set([...output.matchAll(/^::done (\d+)$/gm)].map((m) => Number(m[1])));
      const broken = started.find((n) => !done.has(n));
      resolve({ failed: code === 0 ? null : (blocks[broken ?? 0] ?? null), output, code });
    });
  });
}

const DOCS = ['README.md', 'docs/lan-api.md', 'docs/operations.md'];
const all = DOCS.flatMap((file) => shellBlocks(file, readFileSync(path.join(REPO_ROOT, file), 'utf8')));

describe('shell examples in the docs', () => {
  let work: string;
  let shims: string;
  beforeAll(() => {
    work = mkdtempSync(path.join(os.tmpdir(), 'doc-examples-'));
    shims = path.join(work, 'bin');
    const loader = pathToFileURL(path.join(REPO_ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
    // `netatmo-bridge` is this checkout's CLI, run from source (no build needed).
    const script = `#!/bin/sh\nexec "${process.execPath}" --import "${loader}" "${path.join(REPO_ROOT, 'src/cli/main.ts')}" "$@"\n`;
    mkdirSync(shims);
    writeFileSync(path.join(shims, 'netatmo-bridge'), script);
    chmodSync(path.join(shims, 'netatmo-bridge'), 0o755);
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('every skipped block says why; the list of skipped ones', () => {
    const skipped = all.filter((b) => b.skip !== null);
    for (const b of skipped) expect(b.skip, `${b.file}:${b.line} skips without a reason`).not.toBe('');
    console.log(`docs-test: ${all.length - skipped.length} blocks run, ${skipped.length} skipped:\n${skipped.map((b) => `  ${b.file}:${b.line} — ${b.skip ?? ''}`).join('\n')}`);
    expect(all.filter((b) => b.skip === null).length).toBeGreaterThanOrEqual(8);
  });

  it('notices a failing example and names it', async () => {
    const broken: Block[] = [
      { file: 'x.md', line: 1, code: 'true', skip: null },
      { file: 'x.md', line: 9, code: 'curl -s -o /dev/null -w "%{http_code}" http://127.0.0.1:1/ | grep -q 200', skip: null },
    ];
    const run = await runBlocks(broken, { PATH: process.env.PATH ?? '' }, work);
    expect(run.code).not.toBe(0);
    expect(run.failed?.line).toBe(9);
  });

  for (const file of DOCS) {
    it(`${file}: every runnable block works against a real bridge on 127.0.0.1`, async () => {
      const blocks = all.filter((b) => b.file === file && b.skip === null);
      expect(blocks.length, `${file} has no runnable example`).toBeGreaterThan(0);
      let tb: TestBridge | undefined;
      try {
        tb = await startTestBridge();
        await tb.bridge.context.poller.pollNow();
        await tb.bridge.context.store.flush();
        const env: Record<string, string> = {
          PATH: `${shims}:${process.env.PATH ?? ''}`,
          HOME: work,
          BRIDGE: tb.bridge.url,
          LAN_TOKEN: tb.lanToken(),
          DATA_DIR: tb.dataDir,
          HOST: '127.0.0.1',
          PORT: String(tb.bridge.port),
          SSDP: 'off',
          SIMULATOR: 'off',
          NETATMO_API_URL: tb.simulator.url,
          NETATMO_CLIENT_ID: tb.simulator.clientId,
          NETATMO_CLIENT_SECRET: tb.simulator.clientSecret,
        };
        const run = await runBlocks(blocks, env, work);
        const where = run.failed ? `${run.failed.file}:${run.failed.line}` : '';
        expect(run.code, `example at ${where} failed:\n${run.output}`).toBe(0);
      } finally {
        await tb?.stop();
      }
    }, 160_000);
  }
});
