import {
  DirectorySearchQuery,
  DirectorySearchResponse,
  GeoLookupQuery,
  GeoLookupResponse,
  ServiceDetail,
  ServiceDetailQuery,
  TaxonomyList,
} from '@relais/contracts';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Config } from '../../config';
import * as directory from './directory.service';
import { plainJson } from '../../lib/serialize';

const readers = { access: { roles: ['specialist', 'supervisor', 'editor', 'followup'] as const } };
const tags = ['directory'];

export const directoryRoutes: FastifyPluginAsyncZod<{ config: Config }> = async (app, { config }) => {
  app.get(
    '/api/directory/search',
    {
      config: readers,
      schema: { tags, querystring: DirectorySearchQuery, response: { 200: DirectorySearchResponse } },
      // The busiest route, answered while the caller waits (answers parsed against the contract in the tests).
      serializerCompiler: plainJson,
    },
    async (request) =>
      directory.searchDirectory({ ctx: request.ctx, input: request.query, engine: config.directorySearch }),
  );

  app.get(
    '/api/directory/services/:id',
    {
      config: readers,
      schema: {
        tags,
        params: z.object({ id: z.uuid() }),
        querystring: ServiceDetailQuery,
        response: { 200: ServiceDetail },
      },
    },
    async (request) =>
      directory.getServiceDetail({ ctx: request.ctx, input: { ...request.query, id: request.params.id } }),
  );

  app.get(
    '/api/directory/taxonomy',
    { config: readers, schema: { tags, response: { 200: TaxonomyList } } },
    async (request) => directory.listTaxonomy({ ctx: request.ctx }),
  );

  app.get(
    '/api/directory/places',
    { config: readers, schema: { tags, querystring: GeoLookupQuery, response: { 200: GeoLookupResponse } } },
    async (request) => directory.lookupPlaces({ input: request.query }),
  );
};
