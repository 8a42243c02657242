// What `netatmo-bridge service` needs from the machine, behind one interface so its decisions are
// tested without changing this machine; the real implementation runs systemctl and friends.
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, copyFileSync, existsSync, mkdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export interface ServiceSystem {
  platform: NodeJS.Platform;
  /** systemd is the running init (sd_booted(): /run/systemd/system exists). */
  hasSystemd(): boolean;
  isRoot(): boolean;
  run(command: string, args: readonly string[]): RunResult;
  exists(file: string): boolean;
  readText(file: string): string | null;
  writeText(file: string, text: string, mode: number): void;
  copy(from: string, to: string, mode: number): void;
  mkdir(dir: string, mode: number): void;
  chown(file: string, user: string): void;
  remove(file: string): void;
  realpath(file: string): string;
}

export const realSystem: ServiceSystem = {
  platform: process.platform,
  hasSystemd: () => existsSync('/run/systemd/system'),
  isRoot: () => process.getuid?.() === 0,
  run: (command, args) => {
    const result = spawnSync(command, [...args], { encoding: 'utf8', timeout: 60_000 });
    return { status: result.error ? null : result.status, stdout: result.stdout ?? '', stderr: result.error ? result.error.message : (result.stderr ?? '') };
  },
  exists: (file) => existsSync(file),
  readText: (file) => {
    try {
      return readFileSync(file, 'utf8');
    } catch {
      return null;
    }
  },
  writeText: (file, text, mode) => {
    writeFileSync(file, text, { mode });
    chmodSync(file, mode);
  },
  copy: (from, to, mode) => {
    copyFileSync(from, to);
    chmodSync(to, mode);
  },
  mkdir: (dir, mode) => {
    mkdirSync(dir, { recursive: true, mode });
    chmodSync(dir, mode);
  },
  chown: (file, user) => {
    const uid = Number(spawnSync('id', ['-u', user], { encoding: 'utf8' }).stdout.trim());
    const gid = Number(spawnSync('id', ['-g', user], { encoding: 'utf8' }).stdout.trim());
    chownSync(file, uid, gid);
  },
  remove: (file) => rmSync(file, { force: true }),
  realpath: (file) => realpathSync(file),
};
