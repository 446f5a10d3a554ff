import {
  ErrorResponse,
  HsdsApiInfo,
  HsdsIdParams,
  HsdsImportQuery,
  HsdsImportReport,
  HsdsOrganization,
  HsdsOrganizationsQuery,
  HsdsPageQuery,
  HsdsService,
  HsdsServiceAtLocation,
  HsdsServiceAtLocationsQuery,
  HsdsServicesQuery,
  HsdsTaxonomy,
  HsdsTaxonomyTerm,
  HsdsTaxonomyTermsQuery,
  Locale,
  hsdsPageOf,
} from '@relais/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../../config';
import { AppError } from '../../lib/errors';
import type { Access } from '../../plugins/auth';
import { importHsds } from './hsds.import';
import * as hsds from './hsds.service';
import { plainJson } from '../../lib/serialize';

const tags = ['hsds'];
/** The HSDS import's JSON body (other routes take up to 2 MB, app.ts). */
const HSDS_IMPORT_BODY_LIMIT = 10 * 1024 * 1024;
const LangQuery = z.object({ lang: Locale.default('en') });
const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };

/**
 * Open Referral HSDS 3.0 API (shared/hsds-3.0/openapi.json). Readable by API keys with hsds:read and by
 * signed-in staff; by anyone when the operator sets HSDS_PUBLIC=true. `lang=en|fr` picks the language of
 * text fields, falling back to the other when a record has only one.
 */
export const hsdsRoutes: FastifyPluginAsyncZod<{ config: Config }> = async (app, { config }) => {
  const read: Access = config.hsdsPublic ? 'public' : { scopes: ['hsds:read'], roles: 'any' };
  const opts = { config: { access: read } };

  app.get(
    '/api/hsds/',
    { ...opts, schema: { tags, summary: 'HSDS API information', response: { 200: HsdsApiInfo } } },
    async (request) => {
      const base = `${request.protocol}://${request.host}`;
      return {
        version: hsds.HSDS_VERSION,
        profile: 'https://docs.openreferral.org/en/latest/hsds/',
        openapi_url: `${base}/api/docs/json`,
      };
    },
  );

  app.get(
    '/api/hsds/services',
    {
      ...opts,
      schema: { tags, querystring: HsdsServicesQuery, response: { 200: hsdsPageOf(HsdsService), ...errors } },
      // Searched as often as the console's search (answers parsed against the contract in the tests).
      serializerCompiler: plainJson,
    },
    async (request) =>
      hsds.listServices({ ctx: request.ctx, input: request.query, engine: config.directorySearch }),
  );

  app.get(
    '/api/hsds/services/:id',
    {
      ...opts,
      schema: {
        tags,
        params: HsdsIdParams,
        querystring: LangQuery,
        response: { 200: HsdsService, ...errors },
      },
    },
    async (request) => hsds.getService({ ctx: request.ctx, input: { ...request.params, ...request.query } }),
  );

  app.get(
    '/api/hsds/organizations',
    {
      ...opts,
      schema: {
        tags,
        querystring: HsdsOrganizationsQuery,
        response: { 200: hsdsPageOf(HsdsOrganization), ...errors },
      },
    },
    async (request) => hsds.listOrganizations({ ctx: request.ctx, input: request.query }),
  );

  app.get(
    '/api/hsds/organizations/:id',
    {
      ...opts,
      schema: {
        tags,
        params: HsdsIdParams,
        querystring: LangQuery.extend({ full_service: HsdsOrganizationsQuery.shape.full_service }),
        response: { 200: HsdsOrganization, ...errors },
      },
    },
    async (request) =>
      hsds.getOrganization({
        ctx: request.ctx,
        input: { id: request.params.id, lang: request.query.lang, fullService: request.query.full_service },
      }),
  );

  app.get(
    '/api/hsds/service_at_locations',
    {
      ...opts,
      schema: {
        tags,
        querystring: HsdsServiceAtLocationsQuery,
        response: { 200: hsdsPageOf(HsdsServiceAtLocation), ...errors },
      },
      serializerCompiler: plainJson,
    },
    async (request) =>
      hsds.listServiceAtLocations({ ctx: request.ctx, input: request.query, engine: config.directorySearch }),
  );

  app.get(
    '/api/hsds/service_at_locations/:id',
    {
      ...opts,
      schema: {
        tags,
        params: HsdsIdParams,
        querystring: LangQuery,
        response: { 200: HsdsServiceAtLocation, ...errors },
      },
    },
    async (request) =>
      hsds.getServiceAtLocation({ ctx: request.ctx, input: { ...request.params, ...request.query } }),
  );

  app.get(
    '/api/hsds/taxonomies',
    {
      ...opts,
      schema: { tags, querystring: HsdsPageQuery, response: { 200: hsdsPageOf(HsdsTaxonomy), ...errors } },
    },
    async (request) => hsds.listTaxonomies({ ctx: request.ctx, input: request.query }),
  );

  app.get(
    '/api/hsds/taxonomies/:id',
    {
      ...opts,
      schema: {
        tags,
        params: HsdsIdParams,
        querystring: LangQuery,
        response: { 200: HsdsTaxonomy, ...errors },
      },
    },
    async (request) => hsds.getTaxonomy({ ctx: request.ctx, input: { ...request.params, ...request.query } }),
  );

  app.get(
    '/api/hsds/taxonomy_terms',
    {
      ...opts,
      schema: {
        tags,
        querystring: HsdsTaxonomyTermsQuery,
        response: { 200: hsdsPageOf(HsdsTaxonomyTerm), ...errors },
      },
    },
    async (request) => hsds.listTaxonomyTerms({ ctx: request.ctx, input: request.query }),
  );

  app.get(
    '/api/hsds/taxonomy_terms/:id',
    {
      ...opts,
      schema: {
        tags,
        params: HsdsIdParams,
        querystring: LangQuery,
        response: { 200: HsdsTaxonomyTerm, ...errors },
      },
    },
    async (request) =>
      hsds.getTaxonomyTerm({ ctx: request.ctx, input: { ...request.params, ...request.query } }),
  );

  app.post(
    '/api/hsds/import',
    {
      // A whole directory file (the CLI streams larger ones).
      bodyLimit: HSDS_IMPORT_BODY_LIMIT,
      config: { access: { roles: ['editor', 'admin'], scopes: ['import:write'] } },
      schema: {
        tags,
        summary: 'Import HSDS 3.0 JSON (a service, an organization with its services, or a list of them)',
        description:
          'All or nothing: when any record is rejected nothing is saved and the answer is a 400 validation error ' +
          'whose fields name each JSON path and reason (the whole report is in error.details.report). Records ' +
          'are matched by id, so importing the same file again creates nothing twice.',
        querystring: HsdsImportQuery,
        body: z.unknown(),
        response: { 200: HsdsImportReport, ...errors },
      },
    },
    async (request) => {
      const report = await importHsds({
        ctx: request.ctx,
        input: {
          document: request.body,
          lang: request.query.lang,
          dryRun: request.query.dry_run ?? false,
          source: 'api',
        },
      });
      if (report.rejected.length === 0) return report;
      throw new AppError(
        'validation',
        `${report.rejected.length} record(s) rejected; nothing from this file was saved`,
        {
          fields: report.rejected.map((r) => ({
            path: r.path,
            message: r.id ? `${r.reason} (id ${r.id})` : r.reason,
          })),
          details: { report },
        },
      );
    },
  );
};
