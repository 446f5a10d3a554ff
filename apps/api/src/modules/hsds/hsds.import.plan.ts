import {
  HsdsOrganization,
  HsdsService,
  HsdsTaxonomyTerm,
  type HsdsAttribute,
  type HsdsImportRejection,
  type HsdsLanguage,
  type HsdsLocation,
  type HsdsPhone,
  type HsdsSchedule,
  type HsdsServiceAtLocation,
  type Locale,
} from '@relais/contracts';
import type { schema } from '@relais/db';
import type { z } from 'zod';
import { derivedId } from './hsds.ids';
import * as v from './hsds.import.values';

/**
 * First half of an HSDS import, without the database: reads the document, checks every record against the
 * HSDS contracts and the directory's rules, and turns it into rows to write. Every problem is reported with
 * the JSON path of the value at fault; nothing is written when any is found.
 */

type Insert<T extends { $inferInsert: unknown }> = T['$inferInsert'];
type OrgValues = Insert<typeof schema.organizations>;
type LocValues = Insert<typeof schema.locations>;
type ServiceValues = Insert<typeof schema.services>;
type SalValues = Insert<typeof schema.serviceAtLocation>;
export type PhoneValues = Insert<typeof schema.phones>;
export type ScheduleValues = Insert<typeof schema.schedules>;
export type LanguageValues = Insert<typeof schema.languages>;
export type AreaValues = Insert<typeof schema.serviceAreas>;
export type DocumentValues = Insert<typeof schema.requiredDocuments>;

export interface Planned<T> {
  path: string;
  values: T;
}

export interface PlannedTerm {
  path: string;
  hsdsId: string;
  code: string | null;
  parentHsdsId: string | null;
  taxonomy: {
    id: string | null;
    name: string | null;
    description: string | null;
    uri: string | null;
    version: string | null;
  };
  locale: Locale;
  name: string;
  description: string | null;
}

export interface PlannedLocation extends Planned<LocValues> {
  phones?: PhoneValues[];
  schedules?: ScheduleValues[];
  languages?: LanguageValues[];
}

export interface PlannedSal extends Planned<SalValues> {
  phones?: PhoneValues[];
  schedules?: ScheduleValues[];
}

export interface PlannedService extends Planned<ServiceValues> {
  phones?: PhoneValues[];
  schedules?: ScheduleValues[];
  languages?: LanguageValues[];
  areas?: AreaValues[];
  documents?: DocumentValues[];
  sals?: PlannedSal[];
  /** HSDS ids of the taxonomy terms attached through attributes (undefined: leave the links alone). */
  termIds?: Array<{ path: string; hsdsId: string }>;
}

export interface PlannedOrganization extends Planned<OrgValues> {
  phones?: PhoneValues[];
}

export interface ImportPlan {
  lang: Locale;
  organizations: Map<string, PlannedOrganization>;
  locations: Map<string, PlannedLocation>;
  services: Map<string, PlannedService>;
  terms: Map<string, PlannedTerm>;
  rejected: HsdsImportRejection[];
  warnings: HsdsImportRejection[];
}

type Kind = 'service' | 'organization' | 'taxonomy_term';
type Raw = Record<string, unknown>;

const isObject = (x: unknown): x is Raw => typeof x === 'object' && x !== null && !Array.isArray(x);

const joinPath = (base: string, parts: ReadonlyArray<PropertyKey>) =>
  parts.reduce<string>((p, k) => (typeof k === 'number' ? `${p}[${k}]` : `${p}.${String(k)}`), base);

/** The records a document holds: one object, an array, or an HSDS page envelope ({ contents: [...] }). */
export function recordsOf(document: unknown): Array<{ path: string; record: unknown }> {
  if (Array.isArray(document)) return document.map((record, i) => ({ path: `$[${i}]`, record }));
  if (isObject(document) && Array.isArray(document.contents)) {
    return document.contents.map((record, i) => ({ path: `$.contents[${i}]`, record }));
  }
  return [{ path: '$', record: document }];
}

export function kindOf(record: Raw): Kind {
  if (['status', 'organization', 'organization_id', 'service_at_locations'].some((k) => k in record))
    return 'service';
  if (['services', 'locations', 'website', 'legal_status', 'year_incorporated'].some((k) => k in record)) {
    return 'organization';
  }
  if (
    ['taxonomy', 'taxonomy_detail', 'taxonomy_id', 'parent_id', 'code', 'term_uri'].some((k) => k in record)
  ) {
    return 'taxonomy_term';
  }
  return 'organization';
}

const text = (lang: Locale, field: string, value: string | null | undefined) => ({
  [`${field}${lang === 'fr' ? 'Fr' : 'En'}`]: value?.trim() ? value.trim() : null,
});

export class Planner {
  readonly plan: ImportPlan;

  constructor(lang: Locale) {
    this.plan = {
      lang,
      organizations: new Map(),
      locations: new Map(),
      services: new Map(),
      terms: new Map(),
      rejected: [],
      warnings: [],
    };
  }

  /** Child ids seen in this file, per kind, with the owner that claimed them first. */
  private readonly childOwners = new Map<string, string>();

  /**
   * HSDS ids are unique, but real files (the specification's own example among them) reuse a phone's id
   * under several owners. Each further owner gets a stable id derived from its own, so nothing is lost.
   */
  private childId(kind: string, path: string, id: string, owner: Record<string, unknown>): string {
    const ownerKey = Object.values(owner).find((x) => typeof x === 'string') as string;
    const first = this.childOwners.get(`${kind}:${id}`);
    if (first === undefined) {
      this.childOwners.set(`${kind}:${id}`, ownerKey);
      return id;
    }
    if (first === ownerKey) return id;
    const derived = derivedId(kind, ownerKey, id);
    this.warn(
      path,
      id,
      `${kind} id ${id} is used by several records in this file; this one is kept as ${derived}`,
    );
    return derived;
  }

  private reject(path: string, id: unknown, reason: string) {
    this.plan.rejected.push({ path, id: typeof id === 'string' ? id : null, reason });
  }

  private warn(path: string, id: unknown, reason: string) {
    this.plan.warnings.push({ path, id: typeof id === 'string' ? id : null, reason });
  }

  private take<T>(path: string, id: unknown, converted: v.Converted<T>): T | undefined {
    if (converted.ok) return converted.value;
    this.reject(path, id, converted.reason);
    return undefined;
  }

  /** Parses one record with its HSDS contract; reports every issue with its path and the id nearest it. */
  private parse<S extends z.ZodType>(contract: S, path: string, record: unknown): z.infer<S> | undefined {
    const parsed = contract.safeParse(record);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) {
      let node: unknown = record;
      let id: unknown = isObject(record) ? record.id : null;
      for (const key of issue.path) {
        node =
          isObject(node) || Array.isArray(node)
            ? (node as Record<PropertyKey, unknown>)[key as never]
            : undefined;
        if (isObject(node) && typeof node.id === 'string') id = node.id;
      }
      const missing = issue.code === 'invalid_type' && node === undefined;
      this.reject(joinPath(path, issue.path), id, missing ? 'is required' : issue.message);
    }
    return undefined;
  }

  add(path: string, record: unknown, kind?: Kind) {
    if (!isObject(record))
      return this.reject(path, null, 'expected an HSDS object (service, organization or taxonomy term)');
    const k = kind ?? kindOf(record);
    if (k === 'service') {
      const s = this.parse(HsdsService, path, record);
      if (s) this.service(path, s, null);
    } else if (k === 'organization') {
      const o = this.parse(HsdsOrganization, path, record);
      if (o) this.organization(path, o);
    } else {
      const t = this.parse(HsdsTaxonomyTerm, path, record);
      if (t) this.term(path, t);
    }
  }

  private organization(path: string, o: HsdsOrganization) {
    const lang = this.plan.lang;
    if (!this.plan.organizations.has(o.id)) {
      const planned: PlannedOrganization = {
        path,
        values: {
          id: o.id,
          ...text(lang, 'name', o.name),
          ...text(lang, 'alternateName', o.alternate_name),
          ...text(lang, 'description', o.description),
          email: o.email ?? null,
          website: o.website ?? null,
          taxStatus: o.tax_status ?? null,
          taxId: o.tax_id ?? null,
          yearIncorporated: o.year_incorporated == null ? null : Math.trunc(o.year_incorporated),
          legalStatus: o.legal_status ?? null,
          parentOrganizationId: o.parent_organization_id ?? null,
        },
      };
      if (o.phones) planned.phones = this.phones(`${path}.phones`, o.phones, { organizationId: o.id });
      this.plan.organizations.set(o.id, planned);
    }
    (o.locations ?? []).forEach((l, i) => this.location(`${path}.locations[${i}]`, l, o.id));
    (o.services ?? []).forEach((s, i) => this.service(`${path}.services[${i}]`, s, o.id));
    this.ignored(path, o.id, o, ['contacts', 'funding', 'programs', 'organization_identifiers']);
  }

  private location(path: string, l: HsdsLocation, organizationId: string | null) {
    if (this.plan.locations.has(l.id)) return;
    const lang = this.plan.lang;
    const orgId = l.organization_id ?? organizationId;
    if (!orgId)
      return this.reject(`${path}.organization_id`, l.id, 'a location needs the organization it belongs to');
    if (l.latitude != null && (l.latitude < -90 || l.latitude > 90)) {
      this.reject(`${path}.latitude`, l.id, 'latitude must be between -90 and 90');
    }
    if (l.longitude != null && (l.longitude < -180 || l.longitude > 180)) {
      this.reject(`${path}.longitude`, l.id, 'longitude must be between -180 and 180');
    }
    const addresses = l.addresses ?? [];
    const address = addresses.find((a) => a.address_type === 'physical') ?? addresses[0];
    if (addresses.length > 1) {
      this.warn(
        `${path}.addresses`,
        l.id,
        'only one address per location is kept (the physical one, else the first)',
      );
    }
    const accessibility = Array.isArray(l.accessibility)
      ? (l.accessibility as unknown[])
          .filter(isObject)
          .map((a) => [a.description, a.details].filter((x) => typeof x === 'string' && x.trim()).join(' — '))
          .filter((x) => x.length > 0)
          .join('\n')
      : null;
    const planned: PlannedLocation = {
      path,
      values: {
        id: l.id,
        organizationId: orgId,
        locationType: l.location_type,
        ...text(lang, 'name', l.name),
        ...text(lang, 'alternateName', l.alternate_name),
        ...text(lang, 'description', l.description),
        ...text(lang, 'transportation', l.transportation),
        ...text(lang, 'accessibility', accessibility),
        url: l.url ?? null,
        latitude: l.latitude ?? null,
        longitude: l.longitude ?? null,
        ...(address
          ? {
              address1: address.address_1,
              address2: address.address_2 ?? null,
              city: address.city,
              region: address.region ?? null,
              stateProvince: address.state_province,
              postalCode: address.postal_code,
              country: address.country,
            }
          : {}),
      },
    };
    if (l.phones) planned.phones = this.phones(`${path}.phones`, l.phones, { locationId: l.id });
    if (l.schedules)
      planned.schedules = this.schedules(`${path}.schedules`, l.schedules, { locationId: l.id });
    if (l.languages)
      planned.languages = this.languages(`${path}.languages`, l.languages, { locationId: l.id });
    this.plan.locations.set(l.id, planned);
  }

  private service(path: string, s: HsdsService, organizationId: string | null) {
    if (this.plan.services.has(s.id)) {
      return this.reject(`${path}.id`, s.id, `service ${s.id} appears twice in this file`);
    }
    const lang = this.plan.lang;
    if (s.organization) this.organization(`${path}.organization`, { ...s.organization, services: null });
    const orgId = s.organization_id ?? s.organization?.id ?? organizationId;
    if (!orgId) {
      return this.reject(
        `${path}.organization_id`,
        s.id,
        'a service needs the organization that provides it',
      );
    }
    const minAge = this.take(`${path}.minimum_age`, s.id, v.age(s.minimum_age));
    const maxAge = this.take(`${path}.maximum_age`, s.id, v.age(s.maximum_age));
    if (minAge != null && maxAge != null && minAge > maxAge) {
      this.reject(`${path}.minimum_age`, s.id, `minimum_age ${minAge} is above maximum_age ${maxAge}`);
    }
    const assured = s.assured_date
      ? this.take(`${path}.assured_date`, s.id, v.isoDate(s.assured_date))
      : undefined;
    const planned: PlannedService = {
      path,
      values: {
        id: s.id,
        organizationId: orgId,
        ...text(lang, 'name', s.name),
        ...text(lang, 'alternateName', s.alternate_name),
        ...text(lang, 'description', s.description),
        url: s.url ?? null,
        email: s.email ?? null,
        status: s.status === 'active' ? 'active' : 'inactive',
        ...text(lang, 'interpretationServices', s.interpretation_services),
        ...text(lang, 'applicationProcess', s.application_process),
        ...text(lang, 'fees', s.fees_description ?? s.fees),
        ...text(lang, 'waitTime', s.wait_time),
        ...text(lang, 'eligibility', s.eligibility_description),
        ...text(lang, 'alert', s.alert),
        minAge: minAge ?? null,
        maxAge: maxAge ?? null,
        accreditations: s.accreditations ?? null,
        licenses: s.licenses ?? null,
        ...(assured ? { lastVerifiedAt: new Date(`${assured}T12:00:00Z`) } : {}),
      },
    };
    if (s.phones) planned.phones = this.phones(`${path}.phones`, s.phones, { serviceId: s.id });
    if (s.schedules)
      planned.schedules = this.schedules(`${path}.schedules`, s.schedules, { serviceId: s.id });
    if (s.languages)
      planned.languages = this.languages(`${path}.languages`, s.languages, { serviceId: s.id });
    if (s.service_areas) {
      planned.areas = s.service_areas.map((a) => ({
        id: a.id,
        serviceId: s.id,
        ...text(lang, 'name', a.name),
        ...text(lang, 'description', a.description),
        extentType: v.extentType(a.extent_type),
        extent: a.extent ?? null,
      }));
    }
    if (s.required_documents) {
      planned.documents = [];
      s.required_documents.forEach((d, i) => {
        if (!d.document?.trim())
          return this.reject(`${path}.required_documents[${i}].document`, d.id, 'is required');
        planned.documents?.push({
          id: d.id,
          serviceId: s.id,
          ...text(lang, 'document', d.document),
          uri: d.uri ?? null,
        });
      });
    }
    if (s.service_at_locations) {
      planned.sals = s.service_at_locations
        .map((sal, i) => this.serviceAtLocation(`${path}.service_at_locations[${i}]`, sal, s.id, orgId))
        .filter((x): x is PlannedSal => x !== undefined);
    }
    if (s.attributes) planned.termIds = this.attributes(`${path}.attributes`, s.attributes);
    this.ignored(path, s.id, s, ['contacts', 'funding', 'cost_options', 'program']);
    this.plan.services.set(s.id, planned);
  }

  private serviceAtLocation(path: string, sal: HsdsServiceAtLocation, serviceId: string, orgId: string) {
    if (sal.location) this.location(`${path}.location`, sal.location, orgId);
    const locationId = sal.location_id ?? sal.location?.id;
    if (!locationId) {
      this.reject(
        `${path}.location_id`,
        sal.id,
        'a service_at_location needs its location (location or location_id)',
      );
      return undefined;
    }
    const planned: PlannedSal = {
      path,
      values: { id: sal.id, serviceId, locationId, ...text(this.plan.lang, 'description', sal.description) },
    };
    if (sal.phones)
      planned.phones = this.phones(`${path}.phones`, sal.phones, { serviceAtLocationId: sal.id });
    if (sal.schedules) {
      planned.schedules = this.schedules(`${path}.schedules`, sal.schedules, { serviceAtLocationId: sal.id });
    }
    return planned;
  }

  private attributes(path: string, attributes: HsdsAttribute[]) {
    const ids: Array<{ path: string; hsdsId: string }> = [];
    attributes.forEach((a, i) => {
      if (a.taxonomy_term) this.term(`${path}[${i}].taxonomy_term`, a.taxonomy_term);
      const termId = a.taxonomy_term?.id ?? a.taxonomy_term_id;
      if (termId) ids.push({ path: `${path}[${i}].taxonomy_term_id`, hsdsId: termId });
      else this.warn(`${path}[${i}]`, a.id, 'an attribute without a taxonomy term is not kept');
    });
    return ids;
  }

  private term(path: string, t: z.infer<typeof HsdsTaxonomyTerm>) {
    if (this.plan.terms.has(t.id)) return;
    const detail = t.taxonomy_detail;
    this.plan.terms.set(t.id, {
      path,
      hsdsId: t.id,
      code: t.code?.trim() || null,
      parentHsdsId: t.parent_id ?? null,
      taxonomy: {
        id: detail?.id ?? t.taxonomy_id ?? null,
        name: detail?.name ?? t.taxonomy ?? null,
        description: detail?.description ?? null,
        uri: detail?.uri ?? null,
        version: detail?.version ?? null,
      },
      locale: v.localeOf(t.language, this.plan.lang),
      name: t.name.trim(),
      description: t.description?.trim() || null,
    });
  }

  private phones(path: string, list: HsdsPhone[], owner: Partial<PhoneValues>): PhoneValues[] {
    const out: PhoneValues[] = [];
    list.forEach((p, i) => {
      const type = this.take(`${path}[${i}].type`, p.id, v.phoneType(p.type));
      if (p.extension != null && !Number.isInteger(p.extension)) {
        this.reject(`${path}[${i}].extension`, p.id, 'extension must be a whole number');
      }
      if (p.languages?.length)
        this.warn(`${path}[${i}].languages`, p.id, 'languages of a phone are not kept');
      if (!type) return;
      out.push({
        id: this.childId('phone', `${path}[${i}].id`, p.id, owner),
        organizationId: null,
        locationId: null,
        serviceId: null,
        serviceAtLocationId: null,
        ...owner,
        number: p.number.trim(),
        extension: p.extension ?? null,
        type,
        ...text(this.plan.lang, 'description', p.description),
        sortOrder: i,
      });
    });
    return out;
  }

  private schedules(path: string, list: HsdsSchedule[], owner: Partial<ScheduleValues>): ScheduleValues[] {
    const out: ScheduleValues[] = [];
    list.forEach((s, i) => {
      const at = `${path}[${i}]`;
      if (s.freq && s.freq !== 'WEEKLY') {
        return this.reject(`${at}.freq`, s.id, 'only weekly opening hours (freq WEEKLY) can be stored');
      }
      const missing = (['byday', 'opens_at', 'closes_at'] as const).filter((k) => !s[k]);
      if (missing.length) {
        return this.reject(
          `${at}.${missing[0]}`,
          s.id,
          `weekly opening hours need byday, opens_at and closes_at (missing ${missing.join(', ')})`,
        );
      }
      const days = this.take(`${at}.byday`, s.id, v.byday(s.byday ?? ''));
      const opens = this.take(`${at}.opens_at`, s.id, v.localTime(s.opens_at ?? ''));
      const closes = this.take(`${at}.closes_at`, s.id, v.localTime(s.closes_at ?? ''));
      const from = s.valid_from ? this.take(`${at}.valid_from`, s.id, v.isoDate(s.valid_from)) : null;
      const to = s.valid_to ? this.take(`${at}.valid_to`, s.id, v.isoDate(s.valid_to)) : null;
      if (!days || !opens || !closes || from === undefined || to === undefined) return;
      out.push({
        id: this.childId('schedule', `${at}.id`, s.id, owner),
        serviceId: null,
        locationId: null,
        serviceAtLocationId: null,
        ...owner,
        freq: 'WEEKLY',
        byday: days,
        opensAt: opens,
        closesAt: closes,
        validFrom: from,
        validTo: to,
        ...text(this.plan.lang, 'description', s.description ?? s.notes),
      });
    });
    return out;
  }

  private languages(path: string, list: HsdsLanguage[], owner: Partial<LanguageValues>): LanguageValues[] {
    const out: LanguageValues[] = [];
    list.forEach((l, i) => {
      const code = this.take(
        `${path}[${i}]${l.code ? '.code' : '.name'}`,
        l.id,
        v.languageCode(l.code, l.name),
      );
      const id = this.childId('language', `${path}[${i}].id`, l.id, owner);
      if (code) out.push({ id, serviceId: null, locationId: null, ...owner, code, note: l.note ?? null });
    });
    return out;
  }

  private ignored(path: string, id: string, record: Raw, keys: string[]) {
    for (const key of keys) {
      const value = record[key];
      if (value != null && (!Array.isArray(value) || value.length > 0)) {
        this.warn(`${path}.${key}`, id, `${key} are not stored by this directory and were skipped`);
      }
    }
  }
}

export function planImport(document: unknown, lang: Locale, kind?: Kind): ImportPlan {
  const planner = new Planner(lang);
  const records = recordsOf(document);
  if (records.length === 0)
    planner.plan.rejected.push({ path: '$', id: null, reason: 'the file holds no record' });
  for (const { path, record } of records) planner.add(path, record, kind);
  return planner.plan;
}
