import { LoginRequest, Me, OkResponse, sessionCookieName } from '@relais/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Config } from '../../config';
import { unauthenticated } from '../../lib/errors';
import { routeOptions } from '../../lib/route-options';
import { accountRoutes } from './account.routes';
import * as auth from './auth.service';

const anyone = routeOptions('public', ['auth']);
/** Any signed-in staff member, also before the steps a session must take first. */
const signedIn = routeOptions({ roles: 'any', duringRequiredSteps: true }, ['auth']);

export const authRoutes: FastifyPluginAsyncZod<{ config: Config }> = async (app, { config }) => {
  // Over HTTPS the cookie is `__Host-`: Secure, for the whole site, never sent to another (sub)domain.
  const cookieName = sessionCookieName(config.cookieSecure);
  const cookieOptions = {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: config.cookieSecure,
  };

  app.post(
    '/api/auth/login',
    // An email, a password and a code fit in a few hundred bytes: a large body here is only an attack.
    anyone({ body: LoginRequest, response: { 200: Me } }, { bodyLimit: 8 * 1024 }),
    async (request, reply) => {
      const { token, sessionId } = await auth.login(
        {
          ctx: request.ctx,
          input: { ...request.body, ip: request.ip, userAgent: request.headers['user-agent'] },
        },
        config,
      );
      reply.setCookie(cookieName, token, cookieOptions);
      const found = await auth.actorFromSession(app.database.db, token, config.sessionIdleMinutes, {
        slide: false,
      });
      if (!found || found.actor.type !== 'staff' || found.actor.sessionId !== sessionId)
        throw unauthenticated();
      return auth.meOf(found.actor, found, config);
    },
  );

  app.get('/api/auth/me', signedIn({ response: { 200: Me } }), async (request) => {
    const { actor, staffSession } = request;
    if (actor?.type !== 'staff' || !staffSession) throw unauthenticated();
    return auth.meOf(actor, staffSession, config);
  });

  app.post('/api/auth/logout', signedIn({ response: { 200: OkResponse } }), async (request, reply) => {
    await auth.logout({ ctx: request.ctx });
    if (request.actor?.type === 'staff') app.realtime.disconnectSession(request.actor.sessionId, 'logout');
    reply.clearCookie(cookieName, cookieOptions);
    return { ok: true as const };
  });

  await app.register(accountRoutes, { config });
};
