import { ApiKey, ApiKeyIdParams, ApiKeyList, CreateApiKeyRequest, CreatedApiKey } from '@relais/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Config } from '../../config';
import { routeOptions } from '../../lib/route-options';
import * as apiKeys from './apikeys.service';

const admins = routeOptions({ roles: ['admin'] as const }, ['api-keys']);

export const apiKeyRoutes: FastifyPluginAsyncZod<{ config: Config }> = async (app) => {
  app.get('/api/api-keys', admins({ response: { 200: ApiKeyList } }), async (request) =>
    apiKeys.listApiKeys({ ctx: request.ctx }),
  );

  app.post(
    '/api/api-keys',
    admins({ body: CreateApiKeyRequest, response: { 201: CreatedApiKey } }),
    async (request, reply) => {
      const created = await apiKeys.createApiKey({ ctx: request.ctx, input: request.body });
      // The key appears in this one response only: keep it out of every cache.
      return reply.status(201).header('cache-control', 'no-store').send(created);
    },
  );

  app.post(
    '/api/api-keys/:id/revoke',
    admins({ params: ApiKeyIdParams, response: { 200: ApiKey } }),
    async (request) => apiKeys.revokeApiKey({ ctx: request.ctx, input: request.params }),
  );
};
