// The documented request bodies of the SmartThings REST calls the bridge makes (zod, strict: an
// undocumented field is a violation), plus the checks that need the fake's state (profiles,
// device configurations) and the capability table. Sources: docs/smartthings.md.
import { z } from 'zod';
import { attributeProblem, CAPABILITIES } from './st-capabilities.js';

/** A capability reference in a device profile is `{id, version}` — nothing else (no Edge `config`). */
const capabilityReference = z.strictObject({ id: z.string().min(1), version: z.number().int().positive() });

export const deviceProfileCreate = z.strictObject({
  // The CLI's rule for profile names.
  name: z.string().regex(/^(?!\s)[-_!.~'() *0-9a-zA-Z]{1,100}(?<!\s)$/),
  components: z
    .array(
      z.strictObject({
        id: z.string().regex(/^[0-9a-zA-Z]{1,100}$/),
        capabilities: z.array(capabilityReference).min(1),
        categories: z.array(z.string()).optional(),
      }),
    )
    .min(1)
    .max(20),
  metadata: z.record(z.string(), z.string()).optional(),
});

const configValue = z.strictObject({
  key: z.string().min(1),
  enabledValues: z.array(z.string()).optional(),
  range: z.tuple([z.number(), z.number()]).optional(),
  step: z.number().positive().optional(),
});
const configEntry = z.strictObject({
  component: z.string().min(1),
  capability: z.string().min(1),
  version: z.number().int().positive(),
  values: z.array(configValue).optional(),
});

export const deviceConfigCreate = z.strictObject({
  type: z.literal('profile'),
  iconUrl: z.string().optional(),
  dashboard: z.strictObject({ states: z.array(configEntry), actions: z.array(configEntry) }),
  detailView: z.array(configEntry),
  automation: z.strictObject({ conditions: z.array(configEntry), actions: z.array(configEntry) }),
});

export const deviceCreate = z.strictObject({
  label: z.string().min(1).max(100),
  locationId: z.string().min(1),
  roomId: z.string().optional(),
  app: z.strictObject({ profileId: z.string().min(1), installedAppId: z.string().min(1), externalId: z.string().min(1).max(64).optional() }),
});

const deviceEvent = z.strictObject({
  component: z.string().min(1),
  capability: z.string().min(1),
  attribute: z.string().min(1),
  value: z.unknown(),
  unit: z.string().optional(),
  data: z.record(z.string(), z.unknown()).optional(),
});
export const deviceEventsCreate = z.strictObject({ deviceEvents: z.array(deviceEvent).min(1).max(50) });

export type DeviceProfileBody = z.infer<typeof deviceProfileCreate>;
export type DeviceConfigBody = z.infer<typeof deviceConfigCreate>;
export type DeviceEvent = z.infer<typeof deviceEvent>;

/** Zod problems as short sentences (path: message). */
export function zodProblems(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`);
}

/** Capabilities must exist; a presentation must be linked through metadata.vid/mnmn of a stored device configuration. */
export function profileProblems(body: DeviceProfileBody, configs: ReadonlyMap<string, { manufacturerName: string }>): string[] {
  const problems: string[] = [];
  for (const component of body.components) {
    for (const cap of component.capabilities) if (!CAPABILITIES[cap.id]) problems.push(`unknown capability ${cap.id}`);
  }
  const vid = body.metadata?.vid;
  const config = vid ? configs.get(vid) : undefined;
  if (!config) problems.push('metadata.vid must name a device configuration created first (POST /presentation/deviceconfig)');
  else if (body.metadata?.mnmn !== config.manufacturerName) problems.push('metadata.mnmn must be the manufacturerName of that device configuration');
  return problems;
}

/** Every entry names a known capability; values keys are `<attribute>.value` or a command; ranges and enums fit the definition. */
export function deviceConfigProblems(body: DeviceConfigBody): string[] {
  const entries = [...body.dashboard.states, ...body.dashboard.actions, ...body.detailView, ...body.automation.conditions, ...body.automation.actions];
  const problems: string[] = [];
  for (const entry of entries) {
    const def = CAPABILITIES[entry.capability];
    if (!def) {
      problems.push(`unknown capability ${entry.capability}`);
      continue;
    }
    for (const value of entry.values ?? []) {
      const attribute = value.key.endsWith('.value') ? def.attributes[value.key.slice(0, -'.value'.length)] : undefined;
      const command = def.commands[value.key];
      if (!attribute && !command) problems.push(`${entry.capability}: key ${value.key} is neither <attribute>.value nor a command`);
      const target = attribute ?? command?.[0];
      if (value.enabledValues && !(target && 'values' in target && value.enabledValues.every((v) => target.values.includes(v)))) {
        problems.push(`${entry.capability}: enabledValues outside the enum`);
      }
      if (value.range && !(target?.kind === 'number' && value.range[0] >= target.min && value.range[1] <= target.max && value.range[0] < value.range[1])) {
        problems.push(`${entry.capability}: range outside the attribute's bounds`);
      }
    }
  }
  return problems;
}

/** Events must belong to a capability of the device's profile and fit its definition. */
export function eventProblems(events: readonly DeviceEvent[], profile: DeviceProfileBody | undefined): string[] {
  const problems: string[] = [];
  for (const event of events) {
    const where = `${event.component}/${event.capability}/${event.attribute}`;
    const component = profile?.components.find((c) => c.id === event.component);
    if (!component?.capabilities.some((c) => c.id === event.capability)) {
      problems.push(`${where}: not a capability of the device's profile`);
      continue;
    }
    const def = CAPABILITIES[event.capability]?.attributes[event.attribute];
    if (!def) {
      problems.push(`${where}: unknown attribute`);
      continue;
    }
    const problem = attributeProblem(def, event.value, event.unit);
    if (problem) problems.push(`${where}: ${problem}`);
  }
  return problems;
}
