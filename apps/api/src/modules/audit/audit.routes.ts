import { AuditActors, AuditPage, AuditQuery } from '@relais/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Config } from '../../config';
import { routeOptions } from '../../lib/route-options';
import * as audit from './audit.service';

const readers = routeOptions({ roles: ['supervisor', 'admin'] as const }, ['audit']);

/** Read-only: there is deliberately no route that changes or deletes audit rows. */
export const auditRoutes: FastifyPluginAsyncZod<{ config: Config }> = async (app) => {
  app.get('/api/audit', readers({ querystring: AuditQuery, response: { 200: AuditPage } }), async (request) =>
    audit.browseAudit({ ctx: request.ctx, input: request.query }),
  );

  app.get('/api/audit/actors', readers({ response: { 200: AuditActors } }), async (request) =>
    audit.auditActors({ ctx: request.ctx }),
  );
};
