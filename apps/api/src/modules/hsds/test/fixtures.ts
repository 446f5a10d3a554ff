import { randomUUID } from 'node:crypto';
import { hsdsExample } from './hsds-validator';

/** HSDS 3.0 documents for tests: two agencies in Ottawa and Thunder Bay, in English and in French. */

export interface Fixture {
  ids: {
    foodOrg: string;
    rentOrg: string;
    foodBank: string;
    rentBank: string;
    ottawaSite: string;
    thunderBaySite: string;
    foodSal: string;
    rentSal: string;
    foodTerm: string;
    foodBankTerm: string;
    housingTerm: string;
    taxonomy: string;
  };
  english: unknown[];
  french: unknown[];
}

export function makeFixture(): Fixture {
  const id = () => randomUUID();
  const ids = {
    foodOrg: id(),
    rentOrg: id(),
    foodBank: id(),
    rentBank: id(),
    ottawaSite: id(),
    thunderBaySite: id(),
    foodSal: id(),
    rentSal: id(),
    foodTerm: id(),
    foodBankTerm: id(),
    housingTerm: id(),
    taxonomy: id(),
  };
  const phone = { ottawa: id(), tb: id(), org: id() };
  const sched = { food: id(), rent: id() };
  const lang = { food: id(), foodFr: id(), site: id(), rent: id() };
  const attr = { food: id(), bank: id(), housing: id() };
  const address = { ottawa: id(), tb: id() };
  const code = `T${ids.taxonomy.slice(0, 6)}`;
  const taxonomy_detail = { id: ids.taxonomy, name: `test-${code}`, description: 'Test taxonomy' };
  const term = (locale: 'en' | 'fr', which: 'food' | 'bank' | 'housing') => {
    const t = {
      food: { id: ids.foodTerm, code: `${code}-FOOD`, en: 'Food', fr: 'Alimentation', parent: undefined },
      bank: {
        id: ids.foodBankTerm,
        code: `${code}-FOOD-BANK`,
        en: 'Food banks',
        fr: 'Banques alimentaires',
        parent: ids.foodTerm,
      },
      housing: {
        id: ids.housingTerm,
        code: `${code}-HOUSING`,
        en: 'Rent assistance',
        fr: 'Aide au loyer',
        parent: undefined,
      },
    }[which];
    return {
      id: t.id,
      code: t.code,
      name: t[locale],
      description: `${t[locale]} (${locale})`,
      parent_id: t.parent,
      taxonomy_detail,
      language: locale,
    };
  };
  const build = (locale: 'en' | 'fr') => {
    const fr = locale === 'fr';
    return [
      {
        id: ids.foodOrg,
        name: fr ? 'Banque alimentaire d’Ottawa' : 'Ottawa Food Bank',
        description: fr ? 'Nourriture pour les familles' : 'Food for families in need',
        website: 'https://food.example.org',
        phones: [{ id: phone.org, number: '613-555-0100', type: 'voice' }],
        locations: [
          {
            id: ids.ottawaSite,
            location_type: 'physical',
            name: fr ? 'Dépôt du marché By' : 'ByWard Market depot',
            latitude: 45.4292,
            longitude: -75.6899,
            addresses: [
              {
                id: address.ottawa,
                address_1: '55 York St',
                city: 'Ottawa',
                state_province: 'ON',
                postal_code: 'K1N 5T2',
                country: 'CA',
                address_type: 'physical',
              },
            ],
            languages: [{ id: lang.site, code: 'fr' }],
          },
        ],
        services: [
          {
            id: ids.foodBank,
            name: fr ? 'Banque alimentaire d’urgence' : 'Emergency food bank',
            description: fr ? 'Paniers de nourriture chaque semaine' : 'Weekly food hampers',
            status: 'active',
            eligibility_description: fr ? 'Résidents d’Ottawa' : 'Ottawa residents',
            minimum_age: 18,
            phones: [
              {
                id: phone.ottawa,
                number: '613-555-0101',
                type: 'voice',
                description: fr ? 'Accueil' : 'Front desk',
              },
            ],
            schedules: [
              { id: sched.food, freq: 'WEEKLY', byday: 'MO,WE,FR', opens_at: '09:00', closes_at: '17:00' },
            ],
            languages: [
              { id: lang.food, code: 'en' },
              { id: lang.foodFr, code: 'fr' },
            ],
            service_at_locations: [{ id: ids.foodSal, location_id: ids.ottawaSite }],
            attributes: [
              { id: attr.food, taxonomy_term: term(locale, 'food') },
              { id: attr.bank, taxonomy_term: term(locale, 'bank') },
            ],
          },
        ],
      },
      {
        id: ids.rentOrg,
        name: fr ? 'Aide au logement Thunder Bay' : 'Thunder Bay Housing Help',
        description: fr ? 'Aide au loyer' : 'Help with rent',
        services: [
          {
            id: ids.rentBank,
            name: fr ? 'Banque de loyer' : 'Rent bank',
            description: fr ? 'Prêts pour le loyer en retard' : 'Loans for rent arrears',
            status: 'active',
            schedules: [{ id: sched.rent, byday: 'TU,TH', opens_at: '10:00:00', closes_at: '16:00:00' }],
            languages: [{ id: lang.rent, name: 'English' }],
            service_at_locations: [
              {
                id: ids.rentSal,
                location: {
                  id: ids.thunderBaySite,
                  location_type: 'physical',
                  name: fr ? 'Bureau du centre-ville' : 'Downtown office',
                  latitude: 48.3809,
                  longitude: -89.2477,
                  addresses: [
                    {
                      id: address.tb,
                      address_1: '100 Red River Rd',
                      city: 'Thunder Bay',
                      state_province: 'ON',
                      postal_code: 'P7B 1A5',
                      country: 'CA',
                      address_type: 'physical',
                    },
                  ],
                  phones: [{ id: phone.tb, number: '807-555-0199', type: 'toll-free' }],
                },
              },
            ],
            attributes: [{ id: attr.housing, taxonomy_term: term(locale, 'housing') }],
          },
        ],
      },
    ];
  };
  return { ids, english: build('en'), french: build('fr') };
}

/** The specification's example places its location at latitude 100, longitude 101: moved to Toronto. */
export function correctedExample() {
  const example = hsdsExample() as {
    organization: { locations: Array<Record<string, unknown>> };
    service_at_locations: Array<{ location: Record<string, unknown> }>;
  };
  for (const l of [
    ...example.organization.locations,
    ...example.service_at_locations.map((s) => s.location),
  ]) {
    Object.assign(l, { latitude: 43.65, longitude: -79.38 });
  }
  return example;
}
