import type { FastifySchema } from 'fastify';
import type { Role, Scope } from '@relais/contracts';

/**
 * Every /api route declares who may reach it in `config.access`:
 * - 'public': anyone;
 * - { roles }: signed-in staff holding one of the roles ('any' = any staff);
 * - { scopes }: API keys holding one of the scopes. Both may be given.
 * A route without `access` is refused at startup, so nothing is reachable by accident.
 * A session with required steps (an admin-set password to change, TOTP to set up) reaches only the routes
 * marked `duringRequiredSteps` until they are done.
 */
export type Access =
  'public' | { roles?: readonly Role[] | 'any'; scopes?: readonly Scope[]; duringRequiredSteps?: true };

/**
 * What every route of a module repeats, given once: who may call it (`config.access`, enforced by plugins/auth) and
 * its OpenAPI tags. `const admins = routeOptions({ roles: ['admin'] }, ['staff'])`, then each route passes
 * its own schema: `app.get(url, admins({ params, response }), handler)`.
 */
export function routeOptions<A extends Access>(access: A, tags: string[]) {
  return <S extends FastifySchema>(schema: S, options: { bodyLimit?: number } = {}) => ({
    ...options,
    config: { access },
    schema: { tags, ...schema },
  });
}
