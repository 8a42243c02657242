// scripts/driver-package.mjs: validates driver/ and writes the zip the SmartThings CLI would
// build (`edge:drivers:package --build-only`). Runs the real script on the real package, then on
// broken copies to prove the checks bite.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { parse as parseYaml } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const script = join(root, 'scripts', 'driver-package.mjs');
const work = mkdtempSync(join(tmpdir(), 'driver-package-'));

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

function brokenCopy(name: string, edit: (dir: string) => void): string {
  const dir = join(work, name);
  cpSync(join(root, 'driver'), dir, { recursive: true });
  edit(dir);
  return dir;
}

function runOn(driverDir: string) {
  return spawnSync(process.execPath, [script, '--driver', driverDir, '--out', join(work, 'broken.zip')], {
    encoding: 'utf8',
  });
}

function editFile(path: string, from: string | RegExp, to: string): void {
  const text = readFileSync(path, 'utf8');
  const next = text.replace(from, to);
  expect(next).not.toBe(text);
  writeFileSync(path, next);
}

describe('driver:package', () => {
  it('writes a zip with config.yml, search-parameters.yml, profiles/ and src/ at its root', () => {
    const out = join(work, 'driver.zip');
    const stdout = execFileSync(process.execPath, [script, '--out', out], { encoding: 'utf8' });
    expect(stdout).toMatch(/^wrote .*driver\.zip/);

    const entries = unzipSync(new Uint8Array(readFileSync(out)));
    const names = Object.keys(entries).sort();
    const luaSources = readdirSync(join(root, 'driver', 'src')).filter((file) => file.endsWith('.lua'));
    expect(names).toEqual(
      [
        'config.yml',
        'search-parameters.yml',
        'profiles/',
        'profiles/netatmo-bridge.yml',
        'profiles/netatmo-home.yml',
        'profiles/netatmo-room.yml',
        'src/',
        ...luaSources.map((file) => `src/${file}`),
      ].sort(),
    );
    expect(names).toContain('src/init.lua');
    expect(names.some((name) => name.includes('tests/') || name.startsWith('.'))).toBe(false);

    const config = parseYaml(strFromU8(entries['config.yml']!)) as { name: string; permissions: object };
    expect(config.name).toBe('Netatmo Bridge (LAN)');
    expect(Object.keys(config.permissions).sort()).toEqual(['discovery', 'lan']);
    const search = parseYaml(strFromU8(entries['search-parameters.yml']!)) as { ssdp: { searchTerm: string }[] };
    expect(search.ssdp[0]!.searchTerm).toBe('urn:netatmo-smartthings-bridge:device:bridge:1');
    const room = parseYaml(strFromU8(entries['profiles/netatmo-room.yml']!)) as {
      components: { id: string; capabilities: { id: string; config?: { values: { range: number[]; step: number }[] } }[] }[];
    };
    const setpoint = room.components[0]!.capabilities.find((cap) => cap.id === 'thermostatHeatingSetpoint');
    expect(setpoint?.config?.values[0]).toMatchObject({ range: [7, 30], step: 0.5 });
  });

  it('is byte-identical when built twice from the same sources', () => {
    const a = join(work, 'a.zip');
    const b = join(work, 'b.zip');
    execFileSync(process.execPath, [script, '--out', a]);
    execFileSync(process.execPath, [script, '--out', b]);
    expect(readFileSync(a).equals(readFileSync(b))).toBe(true);
  });

  it('fails when the code emits a capability that no profile has', () => {
    const dir = brokenCopy('no-signal', (d) => {
      editFile(join(d, 'profiles', 'netatmo-room.yml'), / {6}- id: signalStrength\n {8}version: 1\n/, '');
    });
    const result = runOn(dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('emits signalStrength.lqi on component main, which no profile has');
  });

  it('fails on a mode that is not a thermostatMode enum value', () => {
    const dir = brokenCopy('bad-mode', (d) => {
      editFile(join(d, 'src', 'modes.lua'), 'boost = "heat"', 'boost = "boost"');
    });
    const result = runOn(dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('ROOM_TO_ST maps to "boost", not a thermostatMode value');
  });

  it('fails when a profile the code names is missing, or YAML does not parse', () => {
    const dir = brokenCopy('no-home-profile', (d) => {
      rmSync(join(d, 'profiles', 'netatmo-home.yml'));
      writeFileSync(join(d, 'search-parameters.yml'), 'ssdp: [ {searchTerm: \n');
    });
    const result = runOn(dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('profile netatmo-home.v1 is named in the code but no profile file defines it');
    expect(result.stderr).toContain('search-parameters.yml: YAML does not parse');
  });

  it('fails when the code reads a preference no profile declares', () => {
    const dir = brokenCopy('no-pref', (d) => {
      editFile(join(d, 'profiles', 'netatmo-bridge.yml'), '  - name: boostMinutes', '  - name: boostMins');
    });
    const result = runOn(dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('reads preference boostMinutes, which no profile declares');
  });
});
