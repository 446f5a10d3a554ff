import { HealthResponse } from '@relais/contracts';
import { isMigrated } from '@relais/db';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/health/live',
    { config: { access: 'public' }, schema: { tags: ['health'], response: { 200: HealthResponse } } },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/health/ready',
    {
      config: { access: 'public' },
      schema: { tags: ['health'], response: { 200: HealthResponse, 503: HealthResponse } },
    },
    async (_request, reply) => {
      const migrated = await isMigrated(app.database).catch(() => false);
      const database = migrated ? 'ok' : 'failing';
      return reply.status(migrated ? 200 : 503).send({
        status: migrated ? 'ok' : 'unavailable',
        checks: { database },
      });
    },
  );
};
