// Small builders for the SmartApp pages: number inputs that really carry their bounds, and the
// "Please correct" section that reports refused answers on the page itself.
import type { Page, Section } from '@smartthings/smartapp';
import type { Translator } from '../i18n/translator.js';
import type { SettingProblem } from './settings-schema.js';

export interface NumberInput {
  name: string;
  description: string;
  limits: { min: number; max: number };
  value: number;
}

type JsonSetting = { toJson(): Record<string, unknown> };

/**
 * A number setting that re-sends the page when changed (so a bad value is reported at once). The
 * SDK writes `min`/`max` only when they are truthy (`if (this._min)`), which would drop a 0 bound:
 * both are written into the setting's JSON here.
 */
export function numberInput(section: Section, id: string, input: NumberInput): void {
  const setting = section
    .numberSetting(id)
    .name(input.name)
    .description(input.description)
    .min(input.limits.min)
    .max(input.limits.max)
    .defaultValue(input.value)
    .submitOnChange(true)
    .required(false) as unknown as JsonSetting;
  const sdkJson = setting.toJson.bind(setting);
  setting.toJson = () => ({ ...sdkJson(), min: input.limits.min, max: input.limits.max });
}

/** The answers that were not accepted, first on the page, one paragraph each. */
export function problemsSection(page: Page, problems: readonly SettingProblem[], tr: Translator): void {
  if (problems.length === 0) return;
  page.section('problems', (section) => {
    section.name(tr.t('smartapp.pleaseCorrect'));
    problems.forEach((problem, index) => {
      section.paragraphSetting(`problem${index}`).name(problem.message).description(tr.t('smartapp.notUsed'));
    });
  });
}
