// Runs CLI commands in-process with captured output, a given environment and working directory.
import net from 'node:net';
import { PassThrough, Writable } from 'node:stream';
import { runCli } from '../../src/cli/commands.js';
import type { CliIo } from '../../src/cli/io.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

function collector(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  return {
    stream: new Writable({
      write(chunk: Buffer, _enc, done) {
        chunks.push(chunk.toString('utf8'));
        done();
      },
    }),
    text: () => chunks.join(''),
  };
}

export async function runCliInProcess(argv: string[], env: Record<string, string>, cwd: string, input = ''): Promise<CliRun> {
  const out = collector();
  const err = collector();
  const stdin = new PassThrough();
  stdin.end(input);
  const io: CliIo = { stdout: out.stream, stderr: err.stream, stdin, env, cwd, interactive: false };
  const code = await runCli(argv, io);
  return { code, stdout: out.text(), stderr: err.text() };
}

/** A loopback port nothing listens on (bound once, then released). */
export async function closedLoopbackPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Environment for a CLI run against a simulator: loopback only, no SSDP, a port nothing listens on. */
export async function cliEnv(dataDir: string, simulator: { url: string; clientId: string; clientSecret: string }, extra: Record<string, string> = {}): Promise<Record<string, string>> {
  return {
    DATA_DIR: dataDir,
    PORT: String(await closedLoopbackPort()),
    HOST: '127.0.0.1',
    SSDP: 'off',
    SIMULATOR: 'off',
    NETATMO_API_URL: simulator.url,
    NETATMO_CLIENT_ID: simulator.clientId,
    NETATMO_CLIENT_SECRET: simulator.clientSecret,
    ...extra,
  };
}
