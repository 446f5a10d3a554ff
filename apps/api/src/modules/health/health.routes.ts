import { HealthResponse } from '@relais/contracts';
import { isMigrated } from '@relais/db';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { routeOptions } from '../../lib/route-options';

const anyone = routeOptions('public', ['health']);

export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/health/live', anyone({ response: { 200: HealthResponse } }), async () => ({
    status: 'ok' as const,
  }));

  app.get(
    '/health/ready',
    anyone({ response: { 200: HealthResponse, 503: HealthResponse } }),
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
