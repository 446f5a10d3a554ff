import {
  CallerHistory,
  CallerLookupRequest,
  CloseContactRequest,
  Contact,
  ContactIdParams,
  ContactPage,
  ContactSearchRequest,
  ContactPhone,
  ContactTimeline,
  CreateContactRequest,
  CreateSafetyNoteRequest,
  CrisisAcknowledged,
  ErrorResponse,
  ImportReport,
  LineList,
  OpenCrises,
  ReferralSummary,
  ReferralSummaryQuery,
  RetiredSafetyNote,
  SafetyNote,
  SpecialistList,
  UpdateContactRequest,
} from '@relais/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../../config';
import { plainJson } from '../../lib/serialize';
import { acknowledgeCrisis } from './acknowledge-crisis';
import { addSafetyNote } from './add-safety-note';
import { autosaveContact } from './autosave-contact';
import { closeContact } from './close-contact';
import { createContact } from './create-contact';
import { getContact } from './get-contact';
import { getContactPhone } from './get-contact-phone';
import { getContactTimeline } from './get-contact-timeline';
import { getReferralSummary } from './get-referral-summary';
import { importContacts } from './import-contacts';
import { listLines } from './list-lines';
import { listOpenCrises } from './list-open-crises';
import { listSpecialists } from './list-specialists';
import { lookUpCaller } from './look-up-caller';
import { retireSafetyNote } from './retire-safety-note';
import { searchContacts } from './search-contacts';

const tags = ['contacts'];
// Create, autosave and wrap-up answer with the whole contact: typed at compile time, parsed against the contract
// in contacts.test.ts, so they skip the zod pass over each answer (serializerCompiler: plainJson).
/** Larger files go through `pnpm cli import:contacts`, which streams them. */
const IMPORT_BODY_LIMIT = 200 * 1024 * 1024;
const writers = { roles: ['specialist', 'supervisor'] } as const;
const readers = { roles: ['specialist', 'supervisor', 'followup'] } as const;
const errors = { 400: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };
const supervisors = { roles: ['supervisor'] } as const;

const IdempotencyHeaders = z.object({
  /** Any unique string per new contact (a UUID): a retry with the same key returns the first answer. */
  'idempotency-key': z.string().trim().min(1).max(200).optional(),
});

export const contactRoutes: FastifyPluginAsyncZod<{ config: Config }> = async (app, { config }) => {
  const lookupLimits = { perHour: config.callerLookupsPerHour, hmacKey: config.auditHmacKey };
  // NDJSON import: the body stays a string; each line is parsed and validated on its own. The parser keeps
  // the app's body limit: only the import route itself (its own bodyLimit) takes up to 200 MB.
  app.addContentTypeParser('application/x-ndjson', { parseAs: 'string' }, (_req, body, done) =>
    done(null, body),
  );

  app.get(
    '/api/contacts/lines',
    { config: { access: { roles: 'any' } }, schema: { tags, response: { 200: LineList } } },
    async (request) => listLines({ ctx: request.ctx }),
  );

  app.get(
    '/api/contacts/specialists',
    { config: { access: supervisors }, schema: { tags, response: { 200: SpecialistList } } },
    async (request) => listSpecialists({ ctx: request.ctx }),
  );

  app.post(
    '/api/contacts',
    {
      config: { access: { ...writers, scopes: ['intake:write'] } },
      schema: {
        tags,
        headers: IdempotencyHeaders,
        body: CreateContactRequest,
        response: { 201: Contact, ...errors, 422: ErrorResponse },
      },
      serializerCompiler: plainJson,
    },
    async (request, reply) => {
      const result = await createContact({
        ctx: request.ctx,
        input: request.body,
        idempotencyKey: request.headers['idempotency-key'],
      });
      return reply.status(result.status).send(result.body);
    },
  );

  // POST, not GET ?municipality=: filters that are personal data stay out of URLs, proxy logs and history.
  app.post(
    '/api/contacts/search',
    {
      config: { access: writers },
      schema: { tags, body: ContactSearchRequest, response: { 200: ContactPage, ...errors } },
    },
    async (request) => searchContacts({ ctx: request.ctx, query: request.body }),
  );

  app.get(
    '/api/contacts/crises',
    { config: { access: supervisors }, schema: { tags, response: { 200: OpenCrises, ...errors } } },
    async (request) => listOpenCrises({ ctx: request.ctx }),
  );

  app.post(
    '/api/contacts/:id/crisis/acknowledge',
    {
      config: { access: supervisors },
      schema: { tags, params: ContactIdParams, response: { 200: CrisisAcknowledged, ...errors } },
    },
    async (request) => acknowledgeCrisis({ ctx: request.ctx, id: request.params.id }),
  );

  app.get(
    '/api/contacts/:id',
    {
      config: { access: readers },
      schema: { tags, params: ContactIdParams, response: { 200: Contact, ...errors } },
    },
    async (request) => getContact({ ctx: request.ctx, id: request.params.id }),
  );

  app.patch(
    '/api/contacts/:id',
    {
      config: { access: writers },
      schema: {
        tags,
        params: ContactIdParams,
        body: UpdateContactRequest,
        response: { 200: Contact, ...errors },
      },
      serializerCompiler: plainJson,
    },
    async (request) => autosaveContact({ ctx: request.ctx, id: request.params.id, input: request.body }),
  );

  app.post(
    '/api/contacts/:id/close',
    {
      config: { access: writers },
      schema: {
        tags,
        params: ContactIdParams,
        body: CloseContactRequest,
        response: { 200: Contact, ...errors },
      },
      serializerCompiler: plainJson,
    },
    async (request) => closeContact({ ctx: request.ctx, id: request.params.id, input: request.body }),
  );

  app.get(
    '/api/contacts/:id/timeline',
    {
      config: { access: readers },
      schema: { tags, params: ContactIdParams, response: { 200: ContactTimeline, ...errors } },
    },
    async (request) => getContactTimeline({ ctx: request.ctx, id: request.params.id }),
  );

  app.get(
    '/api/contacts/:id/phone',
    {
      config: { access: readers },
      schema: { tags, params: ContactIdParams, response: { 200: ContactPhone, ...errors } },
    },
    async (request) => getContactPhone({ ctx: request.ctx, id: request.params.id }),
  );

  app.get(
    '/api/contacts/:id/referral-summary',
    {
      config: { access: readers },
      schema: {
        tags,
        params: ContactIdParams,
        querystring: ReferralSummaryQuery,
        response: { 200: ReferralSummary, ...errors },
      },
    },
    async (request) =>
      getReferralSummary({ ctx: request.ctx, id: request.params.id, lang: request.query.lang }),
  );

  // POST, not GET ?phone=: the number stays out of URLs, proxy logs and browser history.
  app.post(
    '/api/contacts/callers/lookup',
    {
      config: { access: writers },
      schema: {
        tags,
        body: CallerLookupRequest,
        response: { 200: CallerHistory, ...errors, 429: ErrorResponse },
      },
    },
    async (request) => lookUpCaller({ ctx: request.ctx, input: request.body, limits: lookupLimits }),
  );

  app.post(
    '/api/contacts/callers/safety-notes',
    {
      config: { access: writers },
      schema: { tags, body: CreateSafetyNoteRequest, response: { 201: SafetyNote, ...errors } },
    },
    async (request, reply) =>
      reply.status(201).send(await addSafetyNote({ ctx: request.ctx, input: request.body })),
  );

  app.post(
    '/api/contacts/callers/safety-notes/:id/retire',
    {
      config: { access: supervisors },
      schema: { tags, params: ContactIdParams, response: { 200: RetiredSafetyNote, ...errors } },
    },
    async (request) => retireSafetyNote({ ctx: request.ctx, id: request.params.id }),
  );

  app.post(
    '/api/contacts/import',
    {
      bodyLimit: IMPORT_BODY_LIMIT,
      config: { access: { roles: ['supervisor', 'admin'], scopes: ['import:write'] } },
      schema: {
        tags,
        consumes: ['application/x-ndjson'],
        body: z.string(),
        response: { 200: ImportReport, ...errors },
      },
    },
    async (request) => importContacts({ ctx: request.ctx, lines: request.body.split('\n') }),
  );
};
