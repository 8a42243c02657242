// systemd's system call groups, resolved by systemd-analyze (tests of the unit's filter).
import { spawnSync } from 'node:child_process';

/** The system calls a list of SystemCallFilter= lines allows (allow-list, then ~deny-lists), as systemd resolves the groups. */
export function allowedSyscalls(lines: readonly string[]): Set<string> {
  const expand = (word: string): string[] => {
    if (!word.startsWith('@')) return [word];
    const out = spawnSync('systemd-analyze', ['syscall-filter', word], { encoding: 'utf8' }).stdout;
    return out
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#') && l !== word)
      .flatMap(expand);
  };
  const allowed = new Set<string>();
  for (const line of lines) {
    const deny = line.startsWith('~');
    for (const word of line.replace(/^~/, '').split(/\s+/).filter(Boolean)) {
      for (const call of expand(word)) {
        if (deny) allowed.delete(call);
        else allowed.add(call);
      }
    }
  }
  return allowed;
}
