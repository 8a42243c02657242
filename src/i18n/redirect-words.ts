// Why a pasted or returned Netatmo address holds no usable code, in the person's language (admin
// page, OAuth callback, `netatmo-bridge auth`). The reasons come from parseRedirectedUrl.
import type { RedirectParseResult } from '../netatmo/oauth.js';
import type { Translator } from './translator.js';

export function redirectProblemText(problem: Extract<RedirectParseResult, { ok: false }>, tr: Translator): string {
  switch (problem.reason) {
    case 'empty':
      return tr.t('redirect.empty');
    case 'unreadable':
      return tr.t('redirect.unreadable');
    case 'access_denied':
      return tr.t('redirect.accessDenied');
    case 'oauth_error':
      return tr.t('redirect.oauthError', { error: problem.error ?? '' });
    case 'missing_code':
      return tr.t('redirect.missingCode');
  }
}
