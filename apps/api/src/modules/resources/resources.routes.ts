import {
  DuePage,
  DueQuery,
  ErrorResponse,
  LocationRecord,
  LocationUpdate,
  OrganizationRecord,
  OrganizationUpdate,
  ResourceParams,
  ServiceRecord,
  ServiceUpdate,
  VerifyRequest,
} from '@relais/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../../config';
import { routeOptions } from '../../lib/route-options';
import * as resources from './resources.service';

const ResourcePath = z.enum(['organizations', 'locations', 'services']);
const typeOfPath = { organizations: 'organization', locations: 'location', services: 'service' } as const;
const editors = routeOptions({ roles: ['editor', 'admin'] as const }, ['resources']);
const errors = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
};

/**
 * Editing the resource directory (agencies, sites, services) for editors and admins. Updates carry the
 * `version` they were based on; a stale one answers 409 with the current record in error.details.current.
 */
export const resourceRoutes: FastifyPluginAsyncZod<{ config: Config }> = async (app) => {
  app.get(
    '/api/resources/due',
    editors({
      summary: 'Records due for their yearly verification',
      querystring: DueQuery,
      response: { 200: DuePage, ...errors },
    }),
    async (request) => resources.listDue({ ctx: request.ctx, input: request.query }),
  );

  const params = ResourceParams;

  app.get(
    '/api/resources/organizations/:id',
    editors({ params, response: { 200: OrganizationRecord, ...errors } }),
    async (request) =>
      resources.getRecord({ ctx: request.ctx, input: { type: 'organization', id: request.params.id } }),
  );
  app.patch(
    '/api/resources/organizations/:id',
    editors({ params, body: OrganizationUpdate, response: { 200: OrganizationRecord, ...errors } }),
    async (request) =>
      (
        await resources.updateOrganization({
          ctx: request.ctx,
          input: { id: request.params.id, patch: request.body },
        })
      ).record,
  );

  app.get(
    '/api/resources/locations/:id',
    editors({ params, response: { 200: LocationRecord, ...errors } }),
    async (request) =>
      resources.getRecord({ ctx: request.ctx, input: { type: 'location', id: request.params.id } }),
  );
  app.patch(
    '/api/resources/locations/:id',
    editors({ params, body: LocationUpdate, response: { 200: LocationRecord, ...errors } }),
    async (request) =>
      (
        await resources.updateLocation({
          ctx: request.ctx,
          input: { id: request.params.id, patch: request.body },
        })
      ).record,
  );

  app.get(
    '/api/resources/services/:id',
    editors({ params, response: { 200: ServiceRecord, ...errors } }),
    async (request) =>
      resources.getRecord({ ctx: request.ctx, input: { type: 'service', id: request.params.id } }),
  );
  app.patch(
    '/api/resources/services/:id',
    editors({ params, body: ServiceUpdate, response: { 200: ServiceRecord, ...errors } }),
    async (request) =>
      (
        await resources.updateService({
          ctx: request.ctx,
          input: { id: request.params.id, patch: request.body },
        })
      ).record,
  );

  const verifyParams = ResourceParams.extend({ type: ResourcePath });
  app.post(
    '/api/resources/:type/:id/verify',
    editors({
      summary: 'Mark an organization, location or service verified now',
      params: verifyParams,
      body: VerifyRequest,
      response: { 200: z.union([OrganizationRecord, LocationRecord, ServiceRecord]), ...errors },
    }),
    async (request) =>
      resources.markVerified({
        ctx: request.ctx,
        input: {
          type: typeOfPath[request.params.type],
          id: request.params.id,
          version: request.body.version,
        },
      }),
  );
};
