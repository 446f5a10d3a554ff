import type { ResourceType } from '@relais/contracts';

/** What each editor shows: bilingual text pairs (`<key>En` / `<key>Fr`), single fields, and lists. */

export interface BilingualField {
  key: string;
  multiline?: boolean;
}

export interface PlainField {
  key: string;
  kind: 'text' | 'email' | 'url' | 'number' | 'postal';
}

export interface EditorConfig {
  bilingual: BilingualField[];
  plain: PlainField[];
  phones: boolean;
  schedules: boolean;
  languages: boolean;
  taxonomy: boolean;
}

export const editorConfigs: Record<ResourceType, EditorConfig> = {
  organization: {
    bilingual: [{ key: 'name' }, { key: 'alternateName' }, { key: 'description', multiline: true }],
    plain: [
      { key: 'email', kind: 'email' },
      { key: 'website', kind: 'url' },
      { key: 'legalStatus', kind: 'text' },
      { key: 'yearIncorporated', kind: 'number' },
    ],
    phones: true,
    schedules: false,
    languages: false,
    taxonomy: false,
  },
  location: {
    bilingual: [
      { key: 'name' },
      { key: 'alternateName' },
      { key: 'description', multiline: true },
      { key: 'transportation', multiline: true },
      { key: 'accessibility', multiline: true },
    ],
    plain: [
      { key: 'address1', kind: 'text' },
      { key: 'address2', kind: 'text' },
      { key: 'city', kind: 'text' },
      { key: 'region', kind: 'text' },
      { key: 'postalCode', kind: 'postal' },
      { key: 'latitude', kind: 'number' },
      { key: 'longitude', kind: 'number' },
      { key: 'url', kind: 'url' },
    ],
    phones: true,
    schedules: true,
    languages: true,
    taxonomy: false,
  },
  service: {
    bilingual: [
      { key: 'name' },
      { key: 'alternateName' },
      { key: 'description', multiline: true },
      { key: 'eligibility', multiline: true },
      { key: 'fees', multiline: true },
      { key: 'applicationProcess', multiline: true },
      { key: 'waitTime' },
      { key: 'interpretationServices', multiline: true },
      { key: 'alert', multiline: true },
    ],
    plain: [
      { key: 'minAge', kind: 'number' },
      { key: 'maxAge', kind: 'number' },
      { key: 'email', kind: 'email' },
      { key: 'url', kind: 'url' },
    ],
    phones: true,
    schedules: true,
    languages: true,
    taxonomy: true,
  },
};

/** The record's keys an editor may change, for building the patch. */
export function editableKeys(type: ResourceType): string[] {
  const c = editorConfigs[type];
  return [
    'status',
    ...c.bilingual.flatMap((f) => [`${f.key}En`, `${f.key}Fr`]),
    ...c.plain.map((f) => f.key),
    ...(c.phones ? ['phones'] : []),
    ...(c.schedules ? ['schedules'] : []),
    ...(c.languages ? ['languages'] : []),
    ...(c.taxonomy ? ['taxonomyTermIds'] : []),
  ];
}

export type Draft = Record<string, unknown>;

const normal = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? null : value);

/** The fields whose value differs from the saved record: what a save sends. */
export function patchOf(type: ResourceType, saved: Draft, draft: Draft): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const key of editableKeys(type)) {
    const value = normal(draft[key]);
    if (JSON.stringify(value) !== JSON.stringify(normal(saved[key]))) patch[key] = value;
  }
  return patch;
}
