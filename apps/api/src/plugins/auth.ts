import cookie from '@fastify/cookie';
import { ACTIVITY_HEADER, CSRF_HEADER, sessionCookieName, USER_ACTIVITY } from '@relais/contracts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config';
import { systemActor, type Actor, type ServiceContext } from '../lib/context';
import { AppError, forbidden, unauthenticated } from '../lib/errors';
import type { Access } from '../lib/route-options';
import {
  actorFromApiKey,
  actorFromSession,
  requiredSteps,
  type StaffSession,
} from '../modules/auth/auth.service';

// Who may reach a route (`config.access`) is declared with the route: lib/route-options.
export type { Access };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    actor: Actor | null;
    staffSession: Omit<StaffSession, 'actor'> | null;
    ctx: ServiceContext;
  }
  interface FastifyInstance {
    /** A service context acting as the system (CLI commands, start-up jobs, tests). */
    systemContext(name: string): ServiceContext;
  }
}

/** Routes served by plugins that cannot carry our config: all public by nature. */
const PUBLIC_PREFIXES = ['/api/docs'];
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const authPlugin = fp(
  async (app: FastifyInstance, opts: { config: Config }) => {
    const { config } = opts;
    await app.register(cookie);
    app.decorateRequest('actor', null);
    app.decorateRequest('staffSession', null);
    app.decorateRequest('ctx', null as unknown as ServiceContext);
    app.decorate('systemContext', (name: string): ServiceContext => ({
      db: app.database.db,
      actor: systemActor(name),
      log: app.log,
      realtime: app.realtime,
      timeZone: config.timeZone,
    }));

    app.addHook('onRoute', (route) => {
      const url = route.url ?? route.path;
      if (!url.startsWith('/api') || PUBLIC_PREFIXES.some((p) => url.startsWith(p))) return;
      if (!route.config?.access) {
        throw new Error(`Route ${String(route.method)} ${url} declares no access rule (config.access)`);
      }
    });

    app.addHook('onRequest', async (request, reply) => {
      await identify(app, request, config);
      request.ctx = {
        db: app.database.db,
        actor: request.actor ?? { type: 'system', id: null, name: 'anonymous' },
        log: request.log,
        requestId: request.id,
        realtime: app.realtime,
        timeZone: config.timeZone,
      };
      authorize(request, reply, config);
    });
  },
  { name: 'auth', dependencies: ['db', 'realtime'] },
);

async function identify(app: FastifyInstance, request: FastifyRequest, config: Config) {
  const authorization = request.headers.authorization;
  if (authorization?.startsWith('Bearer ')) {
    request.actor = await actorFromApiKey(app.database.db, authorization.slice(7).trim());
    if (!request.actor) throw unauthenticated('This API key is not valid or has been revoked');
    return;
  }
  const token = request.cookies[sessionCookieName(config.cookieSecure)];
  if (!token) return;
  const slide = request.headers[ACTIVITY_HEADER] === USER_ACTIVITY;
  const found = await actorFromSession(app.database.db, token, config.sessionIdleMinutes, { slide });
  if (found) {
    const { actor, ...session } = found;
    request.actor = actor;
    request.staffSession = session;
  }
}

const STEP_MESSAGES = {
  change_password: 'Change the password an administrator set for you first (My account)',
  enrol_totp: 'Set up two-step verification first (My account): your centre requires it for your role',
} as const;

function authorize(request: FastifyRequest, _reply: FastifyReply, config: Config) {
  const access = request.routeOptions.config?.access;
  const url = request.routeOptions.url;
  if (!url || access === 'public' || (!access && !url.startsWith('/api'))) return;
  if (!access) return; // plugin routes under PUBLIC_PREFIXES
  const actor = request.actor;
  if (!actor) throw unauthenticated();
  if (actor.type === 'staff') {
    const roles = access.roles;
    const allowed = roles === 'any' ? true : (roles ?? []).some((r) => actor.roles.includes(r));
    if (!allowed) throw forbidden();
    const steps = request.staffSession ? requiredSteps(actor.roles, request.staffSession, config) : [];
    const [step] = steps;
    if (step && !access.duringRequiredSteps) {
      throw new AppError('forbidden', STEP_MESSAGES[step], { details: { required: steps } });
    }
    if (!SAFE_METHODS.has(request.method) && request.headers[CSRF_HEADER] !== actor.csrfToken) {
      throw forbidden('This request is missing its CSRF token; reload the page and try again');
    }
    return;
  }
  if (actor.type === 'api_key') {
    if (!(access.scopes ?? []).some((s) => actor.scopes.includes(s)))
      throw forbidden('This API key lacks the scope for this');
    return;
  }
  throw unauthenticated();
}
