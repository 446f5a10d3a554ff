import type { HsdsImportKind, HsdsImportReport, Locale } from '@relais/contracts';
import { schema, type Db } from '@relais/db';
import { writeAudit } from '../../lib/audit';
import type { ServiceContext } from '../../lib/context';
import { refreshSearchDocuments, refreshTaxonomyLexicon, servicesTouching } from '../search/index';
import { planImport, type ImportPlan, type PlannedSal, type PlannedTerm } from './hsds.import.plan';
import * as w from './hsds.import.queries';

/**
 * HSDS 3.0 import: one file, one transaction. The plan (hsds.import.plan.ts) checks every record first;
 * references are then checked against the file and the directory; any rejection means nothing is saved.
 * Records are matched by their HSDS id, so a second import of the same file creates nothing.
 */

export interface ImportInput {
  document: unknown;
  lang: Locale;
  dryRun?: boolean;
  kind?: HsdsImportKind;
  /** Where the file came from (api, cli:<file>), for the audit trail. */
  source: string;
}

class Abort extends Error {}

type Counts = HsdsImportReport['byType'];

export async function importHsds({ ctx, input }: { ctx: ServiceContext; input: ImportInput }) {
  const plan = planImport(input.document, input.lang, input.kind);
  const counts: Counts = {};
  const report = (committed: boolean): HsdsImportReport => {
    const sum = (k: 'created' | 'updated' | 'unchanged') =>
      Object.values(counts).reduce((n, c) => n + c[k], 0);
    return {
      committed,
      dryRun: input.dryRun ?? false,
      created: committed || input.dryRun ? sum('created') : 0,
      updated: committed || input.dryRun ? sum('updated') : 0,
      unchanged: committed || input.dryRun ? sum('unchanged') : 0,
      byType: committed || input.dryRun ? counts : {},
      rejected: plan.rejected,
      warnings: plan.warnings,
    };
  };
  if (plan.rejected.length) return report(false);
  try {
    await ctx.db.transaction(async (tx) => {
      await checkReferences(tx, plan);
      if (plan.rejected.length) throw new Abort();
      const writer = new Writer(tx, ctx, plan, counts);
      await writer.run();
      await writeAudit(tx, ctx, {
        action: 'import',
        entityType: 'hsds_file',
        entityId: null,
        fields: Object.keys(counts).sort(),
      });
      if (input.dryRun) throw new Abort();
    });
  } catch (error) {
    if (!(error instanceof Abort)) throw error;
    return report(false);
  }
  ctx.log.info(
    { source: input.source, created: report(true).created, updated: report(true).updated },
    'hsds import',
  );
  return report(true);
}

const owned = <T extends { id?: string }>(list: T[] | undefined) => (list ?? []).map((x) => x.id ?? '');

/** Records the file points at (organizations, locations, taxonomy terms) must be in the file or stored. */
async function checkReferences(db: Db, plan: ImportPlan) {
  const orgRefs = [
    ...[...plan.services.values()].map((s) => ({
      path: `${s.path}.organization_id`,
      id: s.values.id,
      ref: s.values.organizationId,
    })),
    ...[...plan.locations.values()].map((l) => ({
      path: `${l.path}.organization_id`,
      id: l.values.id,
      ref: l.values.organizationId,
    })),
  ].filter((r) => !plan.organizations.has(r.ref));
  const orgs = await w.existingIds(
    db,
    schema.organizations,
    orgRefs.map((r) => r.ref),
  );
  for (const r of orgRefs) {
    if (!orgs.has(r.ref)) {
      plan.rejected.push({
        path: r.path,
        id: r.id ?? null,
        reason: `organization ${r.ref} is neither in this file nor in the directory`,
      });
    }
  }
  const salRefs = [...plan.services.values()].flatMap((s) =>
    (s.sals ?? []).filter((x) => !plan.locations.has(x.values.locationId)),
  );
  const locs = await w.existingIds(
    db,
    schema.locations,
    salRefs.map((x) => x.values.locationId),
  );
  for (const sal of salRefs) {
    if (!locs.has(sal.values.locationId)) {
      plan.rejected.push({
        path: `${sal.path}.location_id`,
        id: sal.values.id ?? null,
        reason: `location ${sal.values.locationId} is neither in this file nor in the directory`,
      });
    }
  }
  const termRefs = [...plan.services.values()].flatMap((s) =>
    (s.termIds ?? []).filter((t) => !plan.terms.has(t.hsdsId)),
  );
  const terms = await w.termsByHsdsId(
    db,
    termRefs.map((t) => t.hsdsId),
  );
  for (const t of termRefs) {
    if (!terms.has(t.hsdsId)) {
      plan.rejected.push({
        path: t.path,
        id: t.hsdsId,
        reason: `taxonomy term ${t.hsdsId} is neither in this file nor in the directory`,
      });
    }
  }
}

class Writer {
  private readonly termIds = new Map<string, string>();
  private readonly touchedServices = new Set<string>();

  constructor(
    private readonly db: Db,
    private readonly ctx: ServiceContext,
    private readonly plan: ImportPlan,
    private readonly counts: Counts,
  ) {}

  private count(type: string, outcome: w.Outcome) {
    const c = (this.counts[type] ??= { created: 0, updated: 0, unchanged: 0 });
    c[outcome] += 1;
  }

  private async audit(type: string, id: string, outcome: w.Outcome, fields: string[]) {
    if (outcome === 'unchanged') return;
    await writeAudit(this.db, this.ctx, {
      action: outcome === 'created' ? 'import.create' : 'import.update',
      entityType: type,
      entityId: id,
      fields: fields.filter((f) => f !== 'id').sort(),
    });
  }

  async run() {
    await this.terms();
    await this.organizations();
    await this.locations();
    await this.services();
    const touching = await servicesTouching(this.db, {
      organizationIds: [...this.plan.organizations.keys()],
      locationIds: [...this.plan.locations.keys()],
    });
    await refreshSearchDocuments(this.db, [...new Set([...this.touchedServices, ...touching])]);
    if (this.plan.terms.size) await refreshTaxonomyLexicon(this.db);
  }

  /** Parents before children, so each term's parent row exists when it is written. */
  private orderedTerms(): PlannedTerm[] {
    const pending = [...this.plan.terms.values()];
    const done = new Set<string>();
    const out: PlannedTerm[] = [];
    while (pending.length) {
      const next = pending.findIndex(
        (t) => !t.parentHsdsId || done.has(t.parentHsdsId) || !this.plan.terms.has(t.parentHsdsId),
      );
      const [term] = pending.splice(next === -1 ? 0 : next, 1);
      if (!term) break;
      done.add(term.hsdsId);
      out.push(term);
    }
    return out;
  }

  private async terms() {
    const stored = await w.termsByHsdsId(this.db, [
      ...this.plan.terms.keys(),
      ...[...this.plan.terms.values()].flatMap((t) => (t.parentHsdsId ? [t.parentHsdsId] : [])),
      ...[...this.plan.services.values()].flatMap((s) => (s.termIds ?? []).map((t) => t.hsdsId)),
    ]);
    for (const [hsdsId, t] of stored) this.termIds.set(hsdsId, t.id);
    for (const term of this.orderedTerms()) {
      const taxonomy = await this.taxonomyName(term);
      if (taxonomy === undefined) continue;
      let parentId = term.parentHsdsId ? (this.termIds.get(term.parentHsdsId) ?? null) : null;
      if (term.parentHsdsId && (!parentId || term.parentHsdsId === term.hsdsId)) {
        this.plan.warnings.push({
          path: `${term.path}.parent_id`,
          id: term.hsdsId,
          reason: `parent term ${term.parentHsdsId} is neither in this file nor in the directory; stored as a top-level term`,
        });
        parentId = null;
      }
      const existing = this.termIds.get(term.hsdsId);
      const id = existing ?? (await this.freeTermId(term, taxonomy));
      const outcome = await w.upsertTerm(
        this.db,
        {
          id,
          hsdsId: term.hsdsId,
          parentId,
          taxonomy,
          locale: term.locale,
          name: term.name,
          description: term.description,
        },
        existing !== undefined,
      );
      this.termIds.set(term.hsdsId, id);
      this.count('taxonomy_term', outcome);
      await this.audit('taxonomy_term', id, outcome, [
        'parent_id',
        'taxonomy',
        `name_${term.locale}`,
        `description_${term.locale}`,
      ]);
    }
  }

  private async taxonomyName(term: PlannedTerm): Promise<string | undefined> {
    const t = term.taxonomy;
    if (t.id && t.name) {
      return w.upsertTaxonomy(this.db, {
        id: t.id,
        name: t.name,
        locale: term.locale,
        description: t.description,
        uri: t.uri,
        version: t.version,
      });
    }
    if (t.name) return t.name;
    if (t.id) {
      const found = await w.taxonomyById(this.db, t.id);
      if (found) return found.name;
      this.plan.rejected.push({
        path: `${term.path}.taxonomy_id`,
        id: term.hsdsId,
        reason: `taxonomy ${t.id} is not known; include taxonomy_detail`,
      });
      throw new Abort();
    }
    return 'relais';
  }

  /** The directory's term id: the HSDS code when free, else taxonomy:code, else the HSDS id. */
  private async freeTermId(term: PlannedTerm, taxonomy: string): Promise<string> {
    const candidates = term.code ? [term.code, `${taxonomy}:${term.code}`] : [];
    for (const c of candidates) if (c.length <= 64 && !(await w.termIdTaken(this.db, c))) return c;
    return term.hsdsId;
  }

  private async organizations() {
    for (const o of this.plan.organizations.values()) {
      const { parentOrganizationId: _parent, ...values } = o.values;
      const outcome = await this.guard(o.path, o.values.id ?? null, () =>
        w.upsert(this.db, schema.organizations, values, { versioned: true }),
      );
      let changed = outcome !== 'unchanged';
      if (o.phones)
        changed =
          (await this.children(
            schema.phones,
            'organization_id',
            values.id ?? '',
            o.phones,
            'phone',
            o.path,
          )) || changed;
      const final = outcome === 'unchanged' && changed ? 'updated' : outcome;
      if (final === 'updated' && outcome === 'unchanged')
        await w.touch(this.db, 'organizations', values.id ?? '');
      this.count('organization', final);
      await this.audit('organization', values.id ?? '', final, Object.keys(values));
    }
    for (const o of this.plan.organizations.values()) {
      const parent = o.values.parentOrganizationId ?? null;
      if (parent && !(await w.existingIds(this.db, schema.organizations, [parent])).has(parent)) {
        this.plan.warnings.push({
          path: `${o.path}.parent_organization_id`,
          id: o.values.id ?? null,
          reason: `organization ${parent} is not known; no parent kept`,
        });
        continue;
      }
      await w.setParentOrganization(this.db, o.values.id ?? '', parent);
    }
  }

  private async locations() {
    for (const l of this.plan.locations.values()) {
      const id = l.values.id ?? '';
      const outcome = await this.guard(l.path, id, () =>
        w.upsert(this.db, schema.locations, l.values, { versioned: true }),
      );
      let changed = outcome !== 'unchanged';
      if (l.phones)
        changed =
          (await this.children(schema.phones, 'location_id', id, l.phones, 'phone', l.path)) || changed;
      if (l.schedules)
        changed =
          (await this.children(schema.schedules, 'location_id', id, l.schedules, 'schedule', l.path)) ||
          changed;
      if (l.languages)
        changed =
          (await this.children(schema.languages, 'location_id', id, l.languages, 'language', l.path)) ||
          changed;
      const final = outcome === 'unchanged' && changed ? 'updated' : outcome;
      if (final !== outcome) await w.touch(this.db, 'locations', id);
      this.count('location', final);
      await this.audit('location', id, final, Object.keys(l.values));
    }
  }

  private async services() {
    for (const s of this.plan.services.values()) {
      const id = s.values.id ?? '';
      this.touchedServices.add(id);
      const outcome = await this.guard(s.path, id, () =>
        w.upsert(this.db, schema.services, s.values, {
          versioned: true,
          exprs: { status: w.keepNoRefer('services') },
        }),
      );
      let changed = outcome !== 'unchanged';
      const child = async (fn: () => Promise<boolean>) => {
        changed = (await fn()) || changed;
      };
      if (s.phones)
        await child(() => this.children(schema.phones, 'service_id', id, s.phones ?? [], 'phone', s.path));
      if (s.schedules)
        await child(() =>
          this.children(schema.schedules, 'service_id', id, s.schedules ?? [], 'schedule', s.path),
        );
      if (s.languages)
        await child(() =>
          this.children(schema.languages, 'service_id', id, s.languages ?? [], 'language', s.path),
        );
      if (s.areas)
        await child(() =>
          this.children(schema.serviceAreas, 'service_id', id, s.areas ?? [], 'service_area', s.path),
        );
      if (s.documents)
        await child(() =>
          this.children(
            schema.requiredDocuments,
            'service_id',
            id,
            s.documents ?? [],
            'required_document',
            s.path,
          ),
        );
      if (s.sals) await child(() => this.serviceAtLocations(id, s.sals ?? []));
      if (s.termIds) {
        const ids = s.termIds
          .map((t) => this.termIds.get(t.hsdsId))
          .filter((x): x is string => x !== undefined);
        await child(() => w.setServiceTerms(this.db, id, [...new Set(ids)]));
      }
      const final = outcome === 'unchanged' && changed ? 'updated' : outcome;
      if (final !== outcome) await w.touch(this.db, 'services', id);
      this.count('service', final);
      await this.audit('service', id, final, Object.keys(s.values));
    }
  }

  private async serviceAtLocations(serviceId: string, sals: PlannedSal[]) {
    let changed =
      (await w.deleteChildrenExcept(
        this.db,
        schema.serviceAtLocation,
        'service_id',
        serviceId,
        owned(sals.map((s) => s.values)),
      )) > 0;
    for (const sal of sals) {
      const id = sal.values.id ?? '';
      const outcome = await this.guard(sal.path, id, () =>
        w.upsert(this.db, schema.serviceAtLocation, sal.values, { timestamped: true }),
      );
      this.count('service_at_location', outcome);
      changed = changed || outcome !== 'unchanged';
      if (sal.phones)
        changed =
          (await this.children(schema.phones, 'service_at_location_id', id, sal.phones, 'phone', sal.path)) ||
          changed;
      if (sal.schedules)
        changed =
          (await this.children(
            schema.schedules,
            'service_at_location_id',
            id,
            sal.schedules,
            'schedule',
            sal.path,
          )) || changed;
    }
    return changed;
  }

  /** Replaces an owner's rows of one kind by the file's: removes the others, upserts these. */
  private async children(
    table: Parameters<typeof w.upsert>[1],
    ownerColumn: string,
    ownerId: string,
    list: Array<Record<string, unknown> & { id?: string }>,
    type: string,
    path: string,
  ): Promise<boolean> {
    let changed = (await w.deleteChildrenExcept(this.db, table, ownerColumn, ownerId, owned(list))) > 0;
    for (const values of list) {
      const outcome = await this.guard(path, values.id ?? null, () => w.upsert(this.db, table, values));
      this.count(type, outcome);
      changed = changed || outcome !== 'unchanged';
    }
    return changed;
  }

  /** A database refusal (a constraint the plan did not foresee) becomes a rejection of that record. */
  private async guard<T>(path: string, id: string | null, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      const message = (error as Error).message.split('\n')[0] ?? 'refused by the database';
      this.plan.rejected.push({ path, id, reason: `the directory refused this record: ${message}` });
      throw new Abort();
    }
  }
}
