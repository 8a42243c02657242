// The admin page's settings form: polling, staleness and the preferred path, saved in the data file
// and applied at once.
import type { RequestHandler } from 'express';
import { cloudPathMissing } from '../config/index.js';
import { firstProblem, settingsForm } from './forms.js';
import { translatorFor } from './language.js';
import { authorisePost, backToAdmin, type WebDeps } from './web-deps.js';

/** POST /admin/settings. */
export function saveSettings(deps: WebDeps): RequestHandler {
  const { context } = deps;
  return async (req, res) => {
    const session = authorisePost(deps, req, res);
    if (!session) return;
    const tr = translatorFor(req);
    const form = settingsForm.safeParse(req.body);
    if (!form.success) {
      backToAdmin(res, session, { kind: 'error', text: firstProblem(form.error, tr) }, '#settings-title');
      return;
    }
    const { pollIntervalS, staleThresholdS, preferredPath } = form.data;
    const pollPolicy = form.data.pollPolicy ?? context.store.data.settings.pollPolicy ?? context.config.pollPolicy;
    const missing = cloudPathMissing(context.config);
    if (preferredPath === 'cloud' && missing.length > 0) {
      backToAdmin(res, session, { kind: 'error', text: tr.t('admin.cloudRefused', { missing: missing.join(', ') }) }, '#settings-title');
      return;
    }
    // In the demo the real data file keeps them too, so they survive connecting Netatmo.
    for (const store of new Set([context.store, deps.realStore])) {
      await store.update((draft) => {
        draft.settings = { ...draft.settings, pollPolicy, pollIntervalS, staleThresholdS, preferredPath };
      });
    }
    context.poller.setPollInterval(pollIntervalS);
    context.health.setStaleThreshold(staleThresholdS);
    context.logger.info({ pollPolicy, pollIntervalS, staleThresholdS, preferredPath }, 'settings changed from the admin page');
    const path = tr.t(preferredPath === 'lan' ? 'admin.settingsPathLan' : 'admin.settingsPathCloud');
    const saved = pollPolicy === 'adaptive' ? 'admin.settingsSavedAdaptive' : 'admin.settingsSaved';
    backToAdmin(res, session, { kind: 'success', text: tr.t(saved, { poll: pollIntervalS, stale: staleThresholdS, path }) });
  };
}
