// Every word a person reads on the pages, in the status page's script, the SmartApp's pages and from the CLI comes
// from the catalogue: a scan of the renderers, routes, scripts and commands for English written
// straight into the code (test/helpers/english-scan.ts). The allowlist says why each entry is not
// a sentence for a person.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanSource } from '../../helpers/english-scan.js';
import { REPO_ROOT } from '../../helpers/spawned-bridge.js';

const ALLOW = new Set([
  // The plain-text answer for an unknown /assets/ file: no page, nobody reads it.
  'Not found',
  // The reasons given to the restart request: log lines.
  'Netatmo connected',
  'data imported from an export file',
  // An internal invariant of the export (a programming error, never a refusal a person reads).
  'the export payload was not taken',
  // A command, quoted as it is typed.
  'npm run doctor -- --refresh',
  // The unit file's first comment line: the unit (a system file) stays English, like systemd's docs.
  'Written by "netatmo-bridge service install" (netatmo-bridge  ); run it again after moving node or the package.',
]);

/** The systemd unit's text is English on purpose (see src/i18n/en/cli-service.ts). */
const SKIP = new Set(['src/cli/service-unit.ts']);

function sources(): string[] {
  const under = (dir: string) =>
    readdirSync(path.join(REPO_ROOT, dir), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && /\.(ts|js)$/.test(e.name))
      .map((e) => path.relative(REPO_ROOT, path.join(e.parentPath, e.name)));
  const smartappPages = ['pages.ts', 'pages-account.ts', 'pages-options.ts', 'page-widgets.ts', 'netatmo-account.ts', 'settings-schema.ts'].map((f) => `src/smartthings/${f}`);
  // The move feature's refusals (src/moving) are said by the admin page and the CLI from the catalogue too.
  return [...under('src/web'), ...under('src/cli'), ...under('src/moving'), 'src/main.ts', ...smartappPages].filter((file) => !SKIP.has(file));
}

describe('no user-visible English outside the catalogue', () => {
  it('finds none in the page renderers, routes, page scripts, SmartApp pages and CLI commands', () => {
    const files = sources();
    expect(files).toEqual(
      expect.arrayContaining(['src/web/status-render.ts', 'src/web/admin-render.ts', 'src/web/assets/status.js', 'src/web/assets/chart.js', 'src/cli/doctor.ts', 'src/web/move-render.ts', 'src/web/move-routes.ts', 'src/cli/export.ts', 'src/cli/import.ts', 'src/cli/passphrase.ts', 'src/cli/diagnostics.ts', 'src/moving/failure-text.ts']),
    );
    const found = files.flatMap((file) => scanSource(file, readFileSync(path.join(REPO_ROOT, file), 'utf8'), ALLOW));
    expect(found.map((f) => `${f.file}:${f.line}: ${f.text}`)).toEqual([]);
  });

  it('would find a sentence, a word between tags, a visible attribute and a script message', () => {
    const snippet = [
      "const a = html`<h1>Bridge status</h1><p>${name}</p>`;",
      'const b = html`<nav aria-label="Main">${links}</nav>`;',
      "sendMessagePage(deps, req, res, 400, 'Form refused', tr.t('message.formForeign'));",
      "note.textContent = 'The bridge cannot be reached right now';",
      "context.logger.info({ address }, 'admin signed in');",
      "res.set('cache-control', 'no-store');",
    ].join('\n');
    const texts = scanSource('snippet.ts', snippet, new Set()).map((f) => f.text);
    expect(texts).toEqual(['Bridge', 'status', 'aria-label="Main"', 'Form refused', 'The bridge cannot be reached right now']);
  });
});
