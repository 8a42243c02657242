// The SmartApp's pages in the phone's language: the SmartThings app sends it with each page request
// (client.language); French for fr-FR / fr-CA, English otherwise — from the bridge's catalogue
// (src/smartthings/page-language.ts says why not the SDK's own i18n).
import { afterEach, describe, expect, it } from 'vitest';
import { configOf, fetchPage, settingsOf, startCloudRig, type CloudRig } from './smartapp-helpers.js';

let rig: CloudRig | undefined;
afterEach(async () => {
  expect(rig?.st.violations ?? []).toEqual([]);
  await rig?.stop();
  rig = undefined;
});

describe('SmartApp pages in the phone’s language', () => {
  it('answers in French for a French phone and in English otherwise', async () => {
    rig = await startCloudRig();
    const french = await fetchPage(rig, 'netatmo', {}, { language: 'fr-FR' });
    expect(french.name).toBe('Compte Netatmo');
    expect(settingsOf(french).find((s) => s.id === 'connectNetatmo')?.name).toBe('Se connecter sur la passerelle (recommandé)');
    const canadian = await fetchPage(rig, 'options', {}, { language: 'fr-CA' });
    expect(canadian.name).toBe('Options');
    expect(canadian.sections.map((s) => s.name)).toContain('Durée des changements faits depuis SmartThings');
    expect(settingsOf(canadian).find((s) => s.id === 'awayHours')).toMatchObject({ name: 'Absent / hors-gel (heures)', description: '0 = jusqu’au prochain changement' });
    for (const language of ['en-US', 'de-DE']) {
      const english = await fetchPage(rig, 'netatmo', {}, { language });
      expect(english.name).toBe('Netatmo account');
    }
  });

  it('says refused answers in French', async () => {
    rig = await startCloudRig();
    const options = await fetchPage(rig, 'options', configOf({ boostMinutes: 'soon', homeProfileId: 'not-a-profile' }), { language: 'fr-FR', resubmit: true });
    const problems = options.sections.find((s) => s.name === 'À corriger');
    expect(problems?.settings.map((s) => s.name)).toEqual([
      expect.stringMatching(/^Boost \(minutes\) doit être un nombre entier de \d+ à \d+ \(reçu : soon\)\.$/),
      '"not-a-profile" n’est pas un identifiant de profil d’appareil : copiez l’identifiant (8-4-4-4-12 lettres et chiffres) que liste "smartthings deviceprofiles".',
    ]);
    expect(problems?.settings[0]?.description).toBe('Cette réponse n’est pas utilisée ; la passerelle garde la valeur qu’elle avait.');
    const homes = await fetchPage(rig, 'homes', {}, { language: 'fr-FR' });
    expect(homes.name).toBe('Logements');
    expect(homes.sections.map((s) => s.name)).toContain('Logements à relier');
  });
});
