import { fsaList, ontarioPlaces, type Place } from '../directory.geo';
import type { Row } from './bulk';
import { Random, WeightedPicker } from './random';
import { DEFAULT_TIME_ZONE } from '../../../lib/time';
import {
  GENERIC_AGENCIES,
  OTHER_LANGUAGES,
  SAINTS,
  STREETS,
  TEMPLATES,
  type HoursKind,
  type Profile,
  type SubcategoryTemplate,
} from './templates';

export interface Scale {
  organizations: number;
  locations: number;
  services: number;
}

/** 211 Ontario's directory size, and a small one for the quick start. */
export const SCALES: Record<string, Scale> = {
  ontario: { organizations: 30_872, locations: 42_021, services: 59_880 },
  demo: { organizations: 1_500, locations: 2_000, services: 3_000 },
  test: { organizations: 120, locations: 160, services: 240 },
};

export interface TaxonomyLeaf {
  id: string;
  parentId: string;
  nameEn: string | null;
  nameFr: string | null;
}

export interface Chunk {
  organizations: Row[];
  locations: Row[];
  services: Row[];
  service_at_location: Row[];
  service_taxonomy_terms: Row[];
  phones: Row[];
  schedules: Row[];
  languages: Row[];
  service_areas: Row[];
  required_documents: Row[];
}

const emptyChunk = (): Chunk => ({
  organizations: [],
  locations: [],
  services: [],
  service_at_location: [],
  service_taxonomy_terms: [],
  phones: [],
  schedules: [],
  languages: [],
  service_areas: [],
  required_documents: [],
});

/** Every sizeable place has these; the acceptance searches (food bank near K1N, rent help in Thunder Bay) rely on them. */
const ANCHOR_CITIES = [
  'Ottawa',
  'Toronto',
  'Thunder Bay',
  'Greater Sudbury',
  'Hamilton',
  'London',
  'Windsor',
  'Kingston',
  'Sault Ste. Marie',
  'Timmins',
  'North Bay',
  'Kitchener',
  'Barrie',
  'Cornwall',
  'Hawkesbury',
  'Peterborough',
];
const ANCHOR_SUBCATEGORIES = [
  'FOOD-BANK',
  'FOOD-MEALS',
  'HOUSING-RENT-ASSIST',
  'HOUSING-SHELTER',
  'LEGAL-AID',
  'MENTAL-CRISIS',
  'INCOME-OW',
  'EMPLOYMENT-SERVICES',
];

/** Fixed "today" of the synthetic data, so that verification dates do not depend on when it is run. */
const REFERENCE_DATE = Date.UTC(2026, 9, 1);

type Mode = 'en' | 'fr' | 'both';

interface OrgPlan {
  place: Place;
  subcategory: TaxonomyLeaf;
  mode: Mode;
  locations: number;
  services: number;
}

const ELIGIBILITY: Record<
  Profile,
  Array<{ min: number | null; max: number | null; en: string; fr: string }>
> = {
  all: [
    { min: null, max: null, en: 'Open to everyone.', fr: 'Ouvert à tous.' },
    { min: null, max: null, en: 'Residents of the service area.', fr: 'Résidents de la région desservie.' },
  ],
  adults: [
    { min: 18, max: null, en: 'Adults 18 and over.', fr: 'Adultes de 18 ans et plus.' },
    { min: 16, max: null, en: 'People 16 and over.', fr: 'Personnes de 16 ans et plus.' },
  ],
  youth: [
    { min: 12, max: 24, en: 'Youth aged 12 to 24.', fr: 'Jeunes de 12 à 24 ans.' },
    { min: 16, max: 24, en: 'Youth aged 16 to 24.', fr: 'Jeunes de 16 à 24 ans.' },
  ],
  children: [
    {
      min: 0,
      max: 6,
      en: 'Children up to 6 years old and their parents or caregivers.',
      fr: "Enfants jusqu'à 6 ans et leurs parents ou aidants.",
    },
    { min: 0, max: 12, en: 'Children up to 12 years old.', fr: "Enfants jusqu'à 12 ans." },
  ],
  seniors: [
    {
      min: 65,
      max: null,
      en: 'Seniors 65 and over, and adults with disabilities.',
      fr: 'Aînés de 65 ans et plus et adultes handicapés.',
    },
    { min: 55, max: null, en: 'Adults 55 and over.', fr: 'Adultes de 55 ans et plus.' },
  ],
  women: [
    {
      min: 16,
      max: null,
      en: 'Women, with or without children, experiencing abuse.',
      fr: 'Femmes, avec ou sans enfants, victimes de violence.',
    },
  ],
  newcomers: [
    {
      min: null,
      max: null,
      en: 'Permanent residents, refugees and refugee claimants.',
      fr: "Résidents permanents, réfugiés et demandeurs d'asile.",
    },
  ],
};

const APPLY: Array<[string, string]> = [
  ['Walk in during opening hours.', "Présentez-vous pendant les heures d'ouverture."],
  ['Call to book an appointment.', 'Appelez pour prendre rendez-vous.'],
  [
    'Referral from a doctor or community agency required.',
    "Recommandation d'un médecin ou d'un organisme communautaire requise.",
  ],
  [
    'Apply by phone or online; an intake worker calls back within 2 business days.',
    'Faites une demande par téléphone ou en ligne; un intervenant rappelle dans les 2 jours ouvrables.',
  ],
  ['Self-referral: call or walk in.', 'Vous pouvez vous présenter ou appeler vous-même.'],
];

const DOCUMENTS: Array<[string, string]> = [
  ['Photo identification', "Pièce d'identité avec photo"],
  ['Proof of address', "Preuve d'adresse"],
  [
    'Proof of income (pay stub, benefits statement or notice of assessment)',
    'Preuve de revenu (talon de paie, relevé de prestations ou avis de cotisation)',
  ],
  ['Ontario health card', "Carte Santé de l'Ontario"],
  ['Lease or rental agreement', 'Bail ou contrat de location'],
  ['Arrears or eviction notice', "Avis d'arriérés ou d'expulsion"],
  ['Immigration documents', "Documents d'immigration"],
];

const FEES: Record<'free' | 'sliding' | 'fee', [string, string]> = {
  free: ['Free.', 'Gratuit.'],
  sliding: [
    'Sliding scale based on household income; no one turned away.',
    'Tarif selon le revenu du ménage; personne n’est refusé.',
  ],
  fee: [
    'Fees apply; subsidies available for people with low income.',
    'Des frais s’appliquent; subventions offertes aux personnes à faible revenu.',
  ],
};

const CITY_FR = (p: Place) => p.nameFr ?? p.nameEn;

function areaCode(lat: number, lon: number): string {
  if (lon < -84.6) return '807';
  if (lon > -77.4) return '613';
  if (Math.hypot(lat - 43.7, (lon + 79.4) * 0.72) < 0.22) return '416';
  if (lat > 44.4) return '705';
  if (lon < -80.3) return '519';
  return '905';
}

function hoursPlan(kind: HoursKind, random: Random): Array<[string, string, string]> {
  switch (kind) {
    case 'allday':
      return [['MO,TU,WE,TH,FR,SA,SU', '00:00', '00:00']];
    case 'extended':
      return [
        ['MO,TU,WE,TH,FR', '08:00', '20:00'],
        ['SA', '09:00', '17:00'],
      ];
    case 'evenings':
      return [['MO,TU,WE,TH', '15:30', '20:00']];
    case 'meals':
      return random.chance(0.5)
        ? [
            ['MO,TU,WE,TH,FR', '11:30', '13:30'],
            ['MO,TU,WE,TH,FR', '17:00', '18:30'],
          ]
        : [['MO,TU,WE,TH,FR,SA,SU', '07:30', '09:30']];
    case 'weekly':
      return random.pick([
        [
          ['TU,TH', '10:00', '14:00'],
          ['SA', '09:00', '12:00'],
        ],
        [['MO,WE,FR', '09:30', '15:30']],
        [['TU,WE,TH', '13:00', '19:00']],
      ] as Array<Array<[string, string, string]>>);
    case 'office':
    default:
      return random.pick([
        [['MO,TU,WE,TH,FR', '09:00', '17:00']],
        [['MO,TU,WE,TH,FR', '08:30', '16:30']],
        [
          ['MO,TU,WE,FR', '09:00', '16:30'],
          ['TH', '09:00', '20:00'],
        ],
        [['MO,TU,WE,TH', '10:00', '16:00']],
      ] as Array<Array<[string, string, string]>>);
  }
}

export interface GeneratorOptions {
  scale: Scale;
  seed: number;
  taxonomy: TaxonomyLeaf[];
  /** Organizations per yielded chunk. */
  chunkSize?: number;
}

/**
 * Generates the synthetic directory chunk by chunk (bounded memory at province scale). The same seed,
 * scale and taxonomy always give the same rows, ids included.
 */
export function* generateDirectory(options: GeneratorOptions): Generator<Chunk> {
  const { scale, taxonomy } = options;
  const random = new Random(options.seed);
  const places = ontarioPlaces().filter((p) => p.population > 0);
  // Sub-linear in population so that northern towns get a fair share of services.
  const placePicker = new WeightedPicker(places, (p) => Math.pow(p.population, 0.85));
  const leaves = taxonomy.filter((t) => t.parentId);
  if (leaves.length === 0) throw new Error('The taxonomy has no subcategories: import one first');
  const leafPicker = new WeightedPicker(leaves, (t) => TEMPLATES[t.id]?.weight ?? 1);
  const byParent = new Map<string, TaxonomyLeaf[]>();
  for (const leaf of leaves) byParent.set(leaf.parentId, [...(byParent.get(leaf.parentId) ?? []), leaf]);
  const fsas = fsaList().filter((f) => f.province === 'Ontario');
  const languagePicker = new WeightedPicker(OTHER_LANGUAGES, ([, w]) => w);

  // Plan the organizations first so the totals are exact whatever the chunking.
  const plans: OrgPlan[] = [];
  const anchorLeaves = ANCHOR_SUBCATEGORIES.map((id) => leaves.find((l) => l.id === id)).filter(
    (l): l is TaxonomyLeaf => l !== undefined,
  );
  for (const city of ANCHOR_CITIES) {
    const place = places.find((p) => p.nameEn === city);
    if (!place) continue;
    for (const subcategory of anchorLeaves) {
      if (plans.length >= scale.organizations) break;
      plans.push({ place, subcategory, mode: 'both', locations: 1, services: 1 });
    }
  }
  while (plans.length < scale.organizations) {
    const place = placePicker.pick(random);
    const roll = random.next();
    const mode: Mode =
      roll < place.francophoneShare
        ? random.chance(0.85)
          ? 'both'
          : 'fr'
        : random.chance(0.4)
          ? 'both'
          : 'en';
    plans.push({ place, subcategory: leafPicker.pick(random), mode, locations: 1, services: 1 });
  }
  for (let extra = scale.locations - plans.length; extra > 0; extra--) {
    const plan = plans[random.int(plans.length)];
    if (plan) plan.locations++;
  }
  for (let extra = scale.services - plans.length; extra > 0; extra--) {
    const plan = plans[random.int(plans.length)];
    if (plan) plan.services++;
  }

  const nearestFsa = (lat: number, lon: number) => {
    let best = fsas[0];
    let bestD = Infinity;
    for (const f of fsas) {
      const d = (f.latitude - lat) ** 2 + ((f.longitude - lon) * 0.7) ** 2;
      if (d < bestD) {
        bestD = d;
        best = f;
      }
    }
    return best?.fsa ?? 'K0A';
  };
  const letters = 'ABCEGHJKLMNPRSTVWXYZ';
  const postalCode = (lat: number, lon: number) =>
    `${nearestFsa(lat, lon)} ${random.int(10)}${letters[random.int(letters.length)]}${random.int(10)}`;
  const phoneNumber = (lat: number, lon: number) =>
    `${areaCode(lat, lon)}-${random.between(200, 989)}-${String(random.int(10000)).padStart(4, '0')}`;
  const text = (mode: Mode, en: string, fr: string) => ({
    en: mode === 'fr' ? null : en,
    fr: mode === 'en' ? null : fr,
  });

  let chunk = emptyChunk();
  const chunkSize = options.chunkSize ?? 2000;
  for (let index = 0; index < plans.length; index++) {
    const plan = plans[index];
    if (!plan) continue;
    const { place, subcategory, mode } = plan;
    const template: SubcategoryTemplate | undefined = TEMPLATES[subcategory.id];
    const agencyPattern = random.pick(
      template?.agency && random.chance(0.7) ? template.agency : GENERIC_AGENCIES,
    );
    const saint = random.pick(SAINTS);
    const fill = (s: string, city: string) => s.replaceAll('{city}', city).replaceAll('{saint}', saint);
    const orgName = text(mode, fill(agencyPattern[0], place.nameEn), fill(agencyPattern[1], CITY_FR(place)));
    const year = random.between(1905, 2022);
    const orgId = random.uuid();
    const slug = (orgName.en ?? orgName.fr ?? 'org')
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '')
      .slice(0, 24);
    const verified = (days: number) => new Date(REFERENCE_DATE - random.int(days) * 86_400_000).toISOString();
    const orgStatus = random.chance(0.01) ? 'inactive' : 'active';
    const orgDescription = text(
      mode,
      `${orgName.en ?? ''} is a non-profit organization serving ${place.nameEn} and area since ${year}.`,
      `${orgName.fr ?? ''} est un organisme sans but lucratif au service de ${CITY_FR(place)} et des environs depuis ${year}.`,
    );
    chunk.organizations.push({
      id: orgId,
      name_en: orgName.en,
      name_fr: orgName.fr,
      description_en: orgDescription.en,
      description_fr: orgDescription.fr,
      email: `info@${slug}.example.org`,
      website: `https://${slug}.example.org`,
      year_incorporated: year,
      legal_status: 'non-profit',
      status: orgStatus,
      last_verified_at: verified(540),
    });
    chunk.phones.push({
      id: random.uuid(),
      organization_id: orgId,
      number: phoneNumber(place.latitude, place.longitude),
      type: 'voice',
      description_en: mode === 'fr' ? null : 'Main line',
      description_fr: mode === 'en' ? null : 'Ligne principale',
      sort_order: 0,
    });

    // Sites: around the municipality, spread by its size.
    const spreadKm = Math.min(12, 1 + Math.sqrt(place.population) / 120);
    const locationIds: string[] = [];
    for (let l = 0; l < plan.locations; l++) {
      const id = random.uuid();
      const lat = place.latitude + (random.gaussian() * spreadKm) / 111;
      const lon =
        place.longitude + (random.gaussian() * spreadKm) / (111 * Math.cos((place.latitude * Math.PI) / 180));
      const street = random.pick(STREETS);
      const siteName =
        l === 0
          ? orgName
          : text(mode, `${orgName.en ?? ''} – ${street} site`, `${orgName.fr ?? ''} – site ${street}`);
      chunk.locations.push({
        id,
        organization_id: orgId,
        location_type: 'physical',
        name_en: siteName.en,
        name_fr: siteName.fr,
        address_1: `${random.between(10, 2999)} ${street}`,
        city: place.nameEn,
        state_province: 'ON',
        postal_code: postalCode(lat, lon),
        country: 'CA',
        latitude: Math.round(lat * 1e6) / 1e6,
        longitude: Math.round(lon * 1e6) / 1e6,
        accessibility_en:
          mode === 'fr'
            ? null
            : random.pick([
                'Wheelchair accessible entrance.',
                'Elevator to all floors.',
                'Accessible washroom.',
              ]),
        accessibility_fr:
          mode === 'en'
            ? null
            : random.pick([
                'Entrée accessible en fauteuil roulant.',
                'Ascenseur à tous les étages.',
                'Toilettes accessibles.',
              ]),
        transportation_en: mode === 'fr' ? null : 'On a bus route; free parking.',
        transportation_fr: mode === 'en' ? null : "Sur un trajet d'autobus; stationnement gratuit.",
        status: 'active',
        last_verified_at: verified(540),
      });
      locationIds.push(id);
      if (l > 0 || random.chance(0.5)) {
        chunk.phones.push({
          id: random.uuid(),
          location_id: id,
          number: phoneNumber(lat, lon),
          type: 'voice',
          sort_order: 0,
        });
      }
      // About one site in ten has no published hours (unknown, not "closed").
      if (!random.chance(0.1)) {
        for (const [byday, opens, closes] of hoursPlan('office', random)) {
          chunk.schedules.push({
            id: random.uuid(),
            location_id: id,
            byday,
            opens_at: opens,
            closes_at: closes,
            freq: 'WEEKLY',
            timezone: DEFAULT_TIME_ZONE,
          });
        }
      }
    }

    // Services: the first is the organization's own field, the others nearby ones.
    for (let s = 0; s < plan.services; s++) {
      const leaf =
        s === 0
          ? subcategory
          : random.chance(0.6)
            ? random.pick(byParent.get(subcategory.parentId) ?? [subcategory])
            : leafPicker.pick(random);
      const t = TEMPLATES[leaf.id];
      const [baseEn, baseFr] = t
        ? random.pick(t.names)
        : [leaf.nameEn ?? leaf.nameFr ?? leaf.id, leaf.nameFr ?? leaf.nameEn ?? leaf.id];
      const serviceId = random.uuid();
      const name = text(mode, baseEn, baseFr);
      const [descEn, descFr] = t?.description ?? [
        `${leaf.nameEn ?? ''} for residents of ${place.nameEn}.`,
        `${leaf.nameFr ?? ''} pour les résidents de ${CITY_FR(place)}.`,
      ];
      const description = text(
        mode,
        `${descEn} Offered by ${orgName.en ?? orgName.fr ?? ''} in ${place.nameEn}.`,
        `${descFr} Offert par ${orgName.fr ?? orgName.en ?? ''} à ${CITY_FR(place)}.`,
      );
      const profile = t?.profile ?? 'all';
      const eligibility = random.pick(ELIGIBILITY[profile]);
      const fee = FEES[t?.fee ? (random.chance(0.5) ? 'sliding' : 'fee') : 'free'];
      const apply = random.pick(APPLY);
      const statusRoll = random.next();
      const status =
        orgStatus === 'inactive' || statusRoll < 0.03
          ? 'inactive'
          : statusRoll < 0.06
            ? 'active_no_refer'
            : 'active';
      chunk.services.push({
        id: serviceId,
        organization_id: orgId,
        name_en: name.en,
        name_fr: name.fr,
        description_en: description.en,
        description_fr: description.fr,
        status,
        eligibility_en: mode === 'fr' ? null : eligibility.en,
        eligibility_fr: mode === 'en' ? null : eligibility.fr,
        min_age: eligibility.min,
        max_age: eligibility.max,
        fees_en: mode === 'fr' ? null : fee[0],
        fees_fr: mode === 'en' ? null : fee[1],
        application_process_en: mode === 'fr' ? null : apply[0],
        application_process_fr: mode === 'en' ? null : apply[1],
        wait_time_en:
          mode === 'fr'
            ? null
            : random.pick(['No wait.', 'Usually within a week.', 'Waiting list: 2 to 6 weeks.']),
        wait_time_fr:
          mode === 'en'
            ? null
            : random.pick([
                'Aucune attente.',
                "Habituellement en moins d'une semaine.",
                "Liste d'attente : 2 à 6 semaines.",
              ]),
        last_verified_at: verified(540),
      });
      chunk.service_taxonomy_terms.push({ service_id: serviceId, taxonomy_term_id: leaf.id });
      if (random.chance(0.25)) {
        const second = random.pick(byParent.get(leaf.parentId) ?? [leaf]);
        if (second.id !== leaf.id)
          chunk.service_taxonomy_terms.push({ service_id: serviceId, taxonomy_term_id: second.id });
      }
      // Where: one site, or (one time in four) every site of the organization.
      const atAll = locationIds.length > 1 && random.chance(0.25);
      const sites = atAll ? locationIds : [locationIds[random.int(locationIds.length)] ?? ''];
      for (const locationId of sites) {
        chunk.service_at_location.push({ id: random.uuid(), service_id: serviceId, location_id: locationId });
      }
      const hoursKind = t?.hours;
      if (hoursKind && hoursKind !== 'office') {
        for (const [byday, opens, closes] of hoursPlan(hoursKind, random)) {
          chunk.schedules.push({
            id: random.uuid(),
            service_id: serviceId,
            byday,
            opens_at: opens,
            closes_at: closes,
            freq: 'WEEKLY',
            timezone: DEFAULT_TIME_ZONE,
          });
        }
      }
      if (leaf.id === 'MENTAL-CRISIS' || random.chance(0.25)) {
        const crisis = leaf.id === 'MENTAL-CRISIS';
        chunk.phones.push({
          id: random.uuid(),
          service_id: serviceId,
          number: crisis
            ? `1-866-${random.between(200, 989)}-${String(random.int(10000)).padStart(4, '0')}`
            : phoneNumber(place.latitude, place.longitude),
          type: crisis ? 'hotline' : 'voice',
          description_en: mode === 'fr' ? null : crisis ? '24-hour crisis line' : 'Intake',
          description_fr: mode === 'en' ? null : crisis ? 'Ligne de crise 24 heures' : 'Accueil',
          sort_order: 0,
        });
      }
      const codes = new Set<string>(mode === 'both' ? ['en', 'fr'] : mode === 'fr' ? ['fr'] : ['en']);
      if (mode === 'fr' && random.chance(0.5)) codes.add('en');
      if (random.chance(0.2)) codes.add(languagePicker.pick(random)[0]);
      if (random.chance(0.05)) codes.add(languagePicker.pick(random)[0]);
      for (const code of codes) chunk.languages.push({ id: random.uuid(), service_id: serviceId, code });
      const wide = leaf.id === 'MENTAL-CRISIS' && random.chance(0.3);
      chunk.service_areas.push({
        id: random.uuid(),
        service_id: serviceId,
        name_en: wide ? 'Ontario' : place.nameEn,
        name_fr: wide ? 'Ontario' : CITY_FR(place),
        extent_type: wide ? 'province' : 'municipality',
        extent: wide ? 'ON' : place.nameEn,
      });
      if (random.chance(0.45)) {
        const count = random.between(1, 3);
        const picked = new Set<number>();
        for (let d = 0; d < count; d++) picked.add(random.int(DOCUMENTS.length));
        for (const d of picked) {
          const doc = DOCUMENTS[d] ?? DOCUMENTS[0];
          if (!doc) continue;
          chunk.required_documents.push({
            id: random.uuid(),
            service_id: serviceId,
            document_en: mode === 'fr' ? null : doc[0],
            document_fr: mode === 'en' ? null : doc[1],
          });
        }
      }
    }
    if ((index + 1) % chunkSize === 0) {
      yield chunk;
      chunk = emptyChunk();
    }
  }
  if (chunk.organizations.length > 0) yield chunk;
}
