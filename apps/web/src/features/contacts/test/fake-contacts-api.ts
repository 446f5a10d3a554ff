import type {
  CallerHistory,
  CallerLookupRequest,
  Contact,
  ContactCrisisEvent,
  ContactSearchRequest,
  CreateContactRequest,
  DirectorySearchResult,
  FieldError,
  Line,
  TaxonomyTerm,
  UpdateContactRequest,
} from '@relais/contracts';
import { delay, http, HttpResponse } from 'msw';
import { directoryResponse, directoryResult } from '../../../test/directory';
import { server } from '../../../test/server';

/**
 * A small in-memory stand-in for the contacts API (MSW), following its contract: versions and 409s,
 * Idempotency-Key on create, the wrap-up refusal list. Tests drive failures through its controls.
 */
export const SPECIALIST_ID = '0b6f2c1e-6a53-4c1e-9a55-2f1f5c3d7a10';

export const LINES: Line[] = [
  { id: 'general', nameEn: 'General 211', nameFr: '211 général', active: true, fields: [] },
  {
    id: 'abuse_reporting',
    nameEn: 'Abuse reporting line',
    nameFr: 'Ligne de signalement des abus',
    active: true,
    fields: [
      {
        key: 'reporter_role',
        type: 'select',
        labelEn: 'Reporter',
        labelFr: 'Personne qui signale',
        required: true,
        options: [
          { value: 'victim', labelEn: 'Victim', labelFr: 'Victime' },
          { value: 'witness', labelEn: 'Witness', labelFr: 'Témoin' },
        ],
      },
      {
        key: 'police_informed',
        type: 'boolean',
        labelEn: 'Police informed',
        labelFr: 'Police informée',
        required: false,
      },
    ],
  },
];

const term = (id: string, parentId: string | null, nameEn: string, nameFr: string): TaxonomyTerm => ({
  id,
  parentId,
  nameEn,
  nameFr,
  descriptionEn: null,
  descriptionFr: null,
  taxonomy: 'relais',
});

export const TAXONOMY: TaxonomyTerm[] = [
  term('FOOD', null, 'Food / Meals', 'Nourriture / repas'),
  term('FOOD-BANKS', 'FOOD', 'Food banks', 'Banques alimentaires'),
  term('HOUSING', null, 'Housing', 'Logement'),
  term('HOUSING-RENT', 'HOUSING', 'Rent assistance', 'Aide au loyer'),
  term('HEALTH', null, 'Health Care', 'Soins de santé'),
  term('HEALTH-HOME', 'HEALTH', 'Home care', 'Soins à domicile'),
];

type Failure = 'network' | 'server';

export function fakeContactsApi() {
  const contacts = new Map<string, Contact>();
  const byKey = new Map<string, string>();
  const state = {
    creates: 0,
    idempotencyKeys: [] as string[],
    patches: [] as UpdateContactRequest[],
    failures: [] as Failure[],
    closeAttempts: 0,
    /** What a lookup answers (its contactId is the one asked about). */
    history: null as Omit<CallerHistory, 'contactId'> | null,
    lookups: [] as CallerLookupRequest[],
    /** The phone digits the API holds for each contact (the contract only ever shows them masked). */
    savedPhones: new Map<string, string>(),
    /** GET /api/contacts/crises answers these; acknowledging removes one. */
    openCrises: [] as ContactCrisisEvent[],
    acknowledged: [] as string[],
    retiredNotes: [] as string[],
    specialists: [] as Array<{ id: string; name: string; disabled: boolean }>,
    listQueries: [] as ContactSearchRequest[],
    searches: [] as URLSearchParams[],
  };

  const stamp = () => new Date().toISOString();

  function missing(c: Contact): FieldError[] {
    const out: FieldError[] = [];
    if (!c.caller.ageGroup) out.push({ path: 'caller.ageGroup', message: 'Age group is required' });
    if (!c.caller.gender) out.push({ path: 'caller.gender', message: 'Gender is required' });
    const loc = c.caller.location;
    if (!loc || (!loc.undisclosed && !loc.municipality && !loc.fsa))
      out.push({ path: 'caller.location', message: 'Location is required' });
    if (!c.noNeed && c.needs.length === 0) out.push({ path: 'needs', message: 'Record at least one need' });
    c.needs.forEach((n, i) => {
      if (n.referrals.length === 0 && !n.unmetReason)
        out.push({ path: `needs.${i}.unmetReason`, message: 'No referral and no unmet reason' });
    });
    if (c.crisisFlags.length > 0 && c.followUps.length === 0 && !c.noFollowUpReason)
      out.push({ path: 'followUps', message: 'A crisis contact needs a follow-up decision' });
    const line = LINES.find((l) => l.id === c.lineId);
    for (const f of line?.fields ?? [])
      if (f.required && (c.lineFields[f.key] ?? null) === null)
        out.push({ path: `lineFields.${f.key}`, message: `${f.labelEn} is required` });
    return out;
  }

  function apply(c: Contact, input: Partial<CreateContactRequest>): Contact {
    const next: Contact = { ...c };
    if (input.channel) next.channel = input.channel;
    if (input.lineId) next.lineId = input.lineId;
    if (input.disposition !== undefined) next.disposition = input.disposition;
    if (input.notes !== undefined) next.notes = input.notes;
    if (input.endedAt !== undefined) next.endedAt = input.endedAt;
    if (input.noNeed !== undefined) next.noNeed = input.noNeed;
    if (input.crisisFlags) next.crisisFlags = input.crisisFlags;
    if (input.noFollowUpReason !== undefined) next.noFollowUpReason = input.noFollowUpReason;
    if (input.lineFields) next.lineFields = input.lineFields;
    if (input.caller) {
      const { phone, location, ...rest } = input.caller;
      next.caller = { ...c.caller };
      for (const [k, v] of Object.entries(rest)) if (v !== undefined) Object.assign(next.caller, { [k]: v });
      if (location !== undefined)
        next.caller.location = location
          ? {
              undisclosed: location.undisclosed ?? false,
              municipality: location.municipality ?? null,
              fsa: location.fsa ?? null,
            }
          : null;
      if (phone !== undefined && !phone?.startsWith('•')) {
        const digits = phone ? phone.replace(/\D/g, '') : '';
        if (digits) state.savedPhones.set(c.id, digits);
        else state.savedPhones.delete(c.id);
        next.caller.hasPhone = digits.length > 0;
        next.caller.phoneMasked = digits ? `•••-•••-${digits.slice(-4)}` : null;
      }
    }
    if (input.needs)
      next.needs = input.needs.map((n) => ({
        id: n.id,
        termId: n.termId,
        categoryId: TAXONOMY.find((t) => t.id === n.termId)?.parentId ?? n.termId,
        note: n.note ?? null,
        unmetReason: n.unmetReason ?? null,
        unmetNote: n.unmetNote ?? null,
        status: (n.referrals ?? []).length > 0 ? 'met' : n.unmetReason ? 'unmet' : 'open',
        referrals: (n.referrals ?? []).map((r) => ({
          id: r.id,
          needId: n.id,
          serviceId: r.serviceId ?? null,
          locationId: r.locationId ?? null,
          kind: r.kind ?? 'referral',
          serviceName: r.serviceName ?? 'Service',
          servicePhone: r.servicePhone ?? null,
          locationName: r.locationName ?? null,
          serviceNameEn: r.serviceName ?? 'Service',
          serviceNameFr: null,
          locationNameEn: r.locationName ?? null,
          locationNameFr: null,
          organizationNameEn: null,
          organizationNameFr: null,
          directory: 'current' as const,
          note: r.note ?? null,
          createdAt: stamp(),
        })),
      }));
    if (input.followUps)
      next.followUps = input.followUps.map((f) => ({
        id: f.id,
        contactId: c.id,
        dueAt: f.dueAt,
        status: 'open',
        note: f.note ?? null,
        assignedToId: null,
        createdAt: stamp(),
      }));
    next.missing = missing(next);
    return next;
  }

  function create(body: CreateContactRequest): Contact {
    const id = crypto.randomUUID();
    const base: Contact = {
      id,
      version: 1,
      status: 'draft',
      channel: body.channel,
      lineId: body.lineId ?? 'general',
      specialist: { id: SPECIALIST_ID, name: 'Sam Specialist' },
      startedAt: body.startedAt ?? stamp(),
      endedAt: null,
      disposition: null,
      notes: null,
      caller: {
        firstName: null,
        hasPhone: false,
        phoneMasked: null,
        ageGroup: null,
        gender: null,
        language: null,
        location: null,
        relation: null,
      },
      ...nothingRecordedYet(),
      externalId: null,
      createdAt: stamp(),
      updatedAt: stamp(),
      closedAt: null,
      missing: [],
    };
    const contact = apply(base, body);
    contacts.set(id, contact);
    return contact;
  }

  const notFound = () =>
    HttpResponse.json({ error: { code: 'not_found', message: 'No such contact' } }, { status: 404 });

  server.use(
    http.get('/api/contacts/lines', () => HttpResponse.json({ items: LINES })),
    http.get('/api/contacts/specialists', () => HttpResponse.json({ items: state.specialists })),
    http.get('/api/directory/taxonomy', () => HttpResponse.json({ items: TAXONOMY })),
    http.post('/api/contacts', async ({ request }) => {
      const key = request.headers.get('idempotency-key') ?? '';
      state.idempotencyKeys.push(key);
      const failure = state.failures.shift();
      const body = (await request.json()) as CreateContactRequest;
      if (failure === 'network') return HttpResponse.error();
      const existing = byKey.get(key);
      if (existing) return HttpResponse.json(contacts.get(existing), { status: 201 });
      state.creates += 1;
      const contact = create(body);
      byKey.set(key, contact.id);
      if (failure === 'server')
        return HttpResponse.json({ error: { code: 'internal', message: 'boom' } }, { status: 500 });
      return HttpResponse.json(contact, { status: 201 });
    }),
    http.get('/api/contacts/crises', () => HttpResponse.json({ items: state.openCrises })),
    http.post('/api/contacts/:id/crisis/acknowledge', ({ params }) => {
      const id = String(params.id);
      state.acknowledged.push(id);
      state.openCrises = state.openCrises.filter((c) => c.contactId !== id);
      return HttpResponse.json({ contactId: id, acknowledgedAt: stamp() });
    }),
    http.post('/api/contacts/search', async ({ request }) => {
      const query = (await request.json()) as ContactSearchRequest;
      state.listQueries.push(query);
      const crisis = query.crisis;
      const items = [...contacts.values()]
        .filter((c) =>
          crisis === 'true'
            ? c.crisisFlags.length > 0
            : crisis === 'false'
              ? c.crisisFlags.length === 0
              : true,
        )
        .map((c) => ({
          id: c.id,
          status: c.status,
          channel: c.channel,
          lineId: c.lineId,
          specialist: c.specialist,
          startedAt: c.startedAt,
          endedAt: c.endedAt,
          disposition: c.disposition,
          municipality: c.caller.location?.municipality ?? null,
          needCategories: c.needs.map((n) => n.categoryId),
          crisisFlags: c.crisisFlags,
          version: c.version,
        }));
      return HttpResponse.json({ items, total: items.length, page: 1, perPage: 25 });
    }),
    http.post('/api/contacts/callers/safety-notes/:id/retire', ({ params }) => {
      const id = String(params.id);
      if (state.history) {
        state.history = {
          ...state.history,
          safetyNotes: state.history.safetyNotes.filter((n) => n.id !== id),
        };
      }
      state.retiredNotes.push(id);
      return HttpResponse.json({ id, retiredAt: new Date().toISOString() });
    }),
    http.post('/api/contacts/callers/lookup', async ({ request }) => {
      const body = (await request.json()) as CallerLookupRequest;
      state.lookups.push(body);
      const saved = state.savedPhones.get(body.contactId);
      if (!saved)
        return HttpResponse.json(
          {
            error: {
              code: 'validation',
              message: 'body.contactId: this contact has no caller number saved yet',
              fields: [{ path: 'body.contactId', message: 'this contact has no caller number saved yet' }],
            },
          },
          { status: 400 },
        );
      if (body.phone !== undefined && body.phone.replace(/\D/g, '').replace(/^1(?=\d{10}$)/, '') !== saved)
        return HttpResponse.json(
          {
            error: {
              code: 'conflict',
              message: 'body.phone: this number is not the one saved on the contact yet',
              details: { reason: 'phone_not_saved' },
            },
          },
          { status: 409 },
        );
      const history = state.history ?? { phoneMasked: '•••-•••-0000', contacts: [], safetyNotes: [] };
      return HttpResponse.json({ ...history, contactId: body.contactId });
    }),
    http.get('/api/contacts/:id/referral-summary', ({ params, request }) => {
      const contact = contacts.get(String(params.id));
      if (!contact) return notFound();
      const lang = new URL(request.url).searchParams.get('lang') ?? 'en';
      const names = contact.needs.flatMap((n) => n.referrals.map((r) => r.serviceName));
      const head = lang === 'fr' ? 'Services recommandés par le 211' : 'Services recommended by 211';
      return HttpResponse.json({
        language: lang,
        text: `${head}:\n${names.map((n) => `- ${n}`).join('\n')}`,
      });
    }),
    http.get('/api/contacts/:id', ({ params }) => {
      const contact = contacts.get(String(params.id));
      return contact ? HttpResponse.json(contact) : notFound();
    }),
    http.patch('/api/contacts/:id', async ({ params, request }) => {
      const contact = contacts.get(String(params.id));
      if (!contact) return notFound();
      const body = (await request.json()) as UpdateContactRequest;
      const failure = state.failures.shift();
      if (failure === 'network') return HttpResponse.error();
      if (failure === 'server')
        return HttpResponse.json({ error: { code: 'internal', message: 'boom' } }, { status: 500 });
      await delay(5);
      if (body.version !== contact.version)
        return HttpResponse.json(
          {
            error: {
              code: 'conflict',
              message: 'This contact was changed by someone else',
              details: { currentVersion: contact.version, differingFields: [], current: contact },
            },
          },
          { status: 409 },
        );
      state.patches.push(body);
      const { version: _version, ...changes } = body;
      void _version;
      const next = { ...apply(contact, changes), version: contact.version + 1, updatedAt: stamp() };
      contacts.set(contact.id, next);
      return HttpResponse.json(next);
    }),
    http.post('/api/contacts/:id/close', async ({ params, request }) => {
      const contact = contacts.get(String(params.id));
      if (!contact) return notFound();
      state.closeAttempts += 1;
      const body = (await request.json()) as { version: number; endedAt?: string };
      if (body.version !== contact.version)
        return HttpResponse.json({ error: { code: 'conflict', message: 'stale' } }, { status: 409 });
      const fields = missing(contact);
      if (fields.length > 0)
        return HttpResponse.json(
          { error: { code: 'validation', message: 'The contact cannot close yet', fields } },
          { status: 400 },
        );
      const closed: Contact = {
        ...contact,
        status: 'closed',
        version: contact.version + 1,
        endedAt: body.endedAt ?? contact.endedAt ?? stamp(),
        closedAt: stamp(),
      };
      contacts.set(contact.id, closed);
      return HttpResponse.json(closed);
    }),
    http.get('/api/contacts/:id/timeline', () => HttpResponse.json({ items: [] })),
  );

  return {
    state,
    contacts,
    /** GET /api/directory/search answers with these results (whatever the query), recording each query. */
    directory(results: DirectorySearchResult[]) {
      server.use(
        http.get('/api/directory/search', ({ request }) => {
          state.searches.push(new URL(request.url).searchParams);
          return HttpResponse.json(directoryResponse(results));
        }),
      );
    },
    /** Creates a draft directly, as if started earlier (e.g. before a reload). */
    seed(body: Partial<CreateContactRequest> = {}) {
      return create({ channel: 'phone', lineId: 'general', ...body });
    },
    /** Another tab saves this change: the version moves on. */
    editElsewhere(id: string, change: Partial<CreateContactRequest>) {
      const contact = contacts.get(id);
      if (!contact) throw new Error(`no contact ${id}`);
      const next = { ...apply(contact, change), version: contact.version + 1 };
      contacts.set(id, next);
      return next;
    },
    failNext(...failures: Failure[]) {
      state.failures.push(...failures);
    },
    last(id: string) {
      const contact = contacts.get(id);
      if (!contact) throw new Error(`no contact ${id}`);
      return contact;
    },
  };
}

/** What a contact has before the specialist records anything: no need, crisis, follow-up or line field. */
export const nothingRecordedYet = () => ({
  needs: [],
  noNeed: false,
  crisisFlags: [],
  followUps: [],
  noFollowUpReason: null,
  lineFields: {},
});

/** One directory search result (service at a site) in Thunder Bay. */
export function searchResult(
  name: string,
  overrides: Partial<DirectorySearchResult> = {},
): DirectorySearchResult {
  return directoryResult({ nameEn: name, organizationNameEn: `${name} agency`, ...overrides });
}
