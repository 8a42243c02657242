// The two device definitions of the cloud devices, as one JSON file each under profiles/: the
// device profile (documented REST fields only: capability references are `{id, version}`) plus a
// `view` — the device configuration that carries the setpoint range and the offered modes. The
// same files work with the SmartThings CLI: `smartthings deviceprofiles:view:create -i <file>`.
// Pure mapping to the two request bodies; the calls are in profiles.ts.
import homeDefinition from './profiles/netatmo-cloud-home.json' with { type: 'json' };
import roomDefinition from './profiles/netatmo-cloud-room.json' with { type: 'json' };

interface ViewEntry {
  component?: string;
  capability: string;
  version?: number;
  values?: { key: string; enabledValues?: string[]; range?: number[]; step?: number }[];
}

export interface DeviceDefinition {
  name: string;
  components: { id: string; capabilities: { id: string; version: number }[]; categories: string[] }[];
  metadata: Record<string, string>;
  view: {
    dashboard: { states: ViewEntry[]; actions: ViewEntry[] };
    detailView: ViewEntry[];
    automation: { conditions: ViewEntry[]; actions: ViewEntry[] };
  };
}

export const HOME_DEFINITION: DeviceDefinition = homeDefinition;
export const ROOM_DEFINITION: DeviceDefinition = roomDefinition;

export interface DeviceConfigEntry {
  component: string;
  capability: string;
  version: number;
  values?: { key: string; enabledValues?: string[]; range?: [number, number]; step?: number }[];
}

/** POST /presentation/deviceconfig body (core-sdk PresentationDeviceConfigCreate). */
export interface DeviceConfigRequest {
  type: 'profile';
  dashboard: { states: DeviceConfigEntry[]; actions: DeviceConfigEntry[] };
  detailView: DeviceConfigEntry[];
  automation: { conditions: DeviceConfigEntry[]; actions: DeviceConfigEntry[] };
}

/** POST /deviceprofiles body (core-sdk DeviceProfileCreateRequest). */
export interface DeviceProfileRequest {
  name: string;
  components: DeviceDefinition['components'];
  metadata: Record<string, string>;
}

/** Like the CLI: entries without a component are on "main", capability version 1 unless given. */
function entries(view: readonly ViewEntry[]): DeviceConfigEntry[] {
  return view.map((entry) => {
    const out: DeviceConfigEntry = { component: entry.component ?? 'main', capability: entry.capability, version: entry.version ?? 1 };
    if (entry.values) out.values = entry.values.map(({ range, ...value }) => (range ? { ...value, range: [range[0] ?? 0, range[1] ?? 0] } : value));
    return out;
  });
}

export function deviceConfigRequest(definition: DeviceDefinition): DeviceConfigRequest {
  const { view } = definition;
  return {
    type: 'profile',
    dashboard: { states: entries(view.dashboard.states), actions: entries(view.dashboard.actions) },
    detailView: entries(view.detailView),
    automation: { conditions: entries(view.automation.conditions), actions: entries(view.automation.actions) },
  };
}

/** The profile, linked to its device configuration through metadata.vid / mnmn (as the CLI does). */
export function deviceProfileRequest(definition: DeviceDefinition, presentation: { presentationId: string; manufacturerName: string }): DeviceProfileRequest {
  return {
    name: definition.name,
    components: definition.components,
    metadata: { ...definition.metadata, vid: presentation.presentationId, mnmn: presentation.manufacturerName },
  };
}
