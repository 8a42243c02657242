// What the cloud path (SmartApp) needs before it can be preferred: one rule for PREFERRED_PATH=cloud
// in the configuration and for choosing "Cloud (SmartApp)" on the admin page and in the SmartApp.
// Pure. The sentence the pages show is the catalogue's admin.cloudRefused (src/i18n).
import type { Config } from './types.js';

export type CloudPathFacts = Pick<Config, 'publicUrl'> & { smartapp: Pick<Config['smartapp'], 'appId' | 'clientId' | 'clientSecret'> };

/** The settings the cloud path still lacks (empty when it can be used). */
export function cloudPathMissing(facts: CloudPathFacts): string[] {
  const needed: Array<[string, unknown]> = [
    ['PUBLIC_URL', facts.publicUrl],
    ['SMARTAPP_APP_ID', facts.smartapp.appId],
    ['SMARTAPP_CLIENT_ID', facts.smartapp.clientId],
    ['SMARTAPP_CLIENT_SECRET', facts.smartapp.clientSecret],
  ];
  return needed.filter(([, value]) => value === undefined || value === null || value === '').map(([name]) => name);
}
