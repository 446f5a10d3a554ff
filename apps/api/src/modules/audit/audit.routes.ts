import { AuditActors, AuditPage, AuditQuery } from '@relais/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Config } from '../../config';
import * as audit from './audit.service';

const readers = { access: { roles: ['supervisor', 'admin'] as const } };
const tags = ['audit'];

/** Read-only: there is deliberately no route that changes or deletes audit rows. */
export const auditRoutes: FastifyPluginAsyncZod<{ config: Config }> = async (app) => {
  app.get(
    '/api/audit',
    { config: readers, schema: { tags, querystring: AuditQuery, response: { 200: AuditPage } } },
    async (request) => audit.browseAudit({ ctx: request.ctx, input: request.query }),
  );

  app.get(
    '/api/audit/actors',
    { config: readers, schema: { tags, response: { 200: AuditActors } } },
    async (request) => audit.auditActors({ ctx: request.ctx }),
  );
};
