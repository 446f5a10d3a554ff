import type { Database } from '@relais/db';
import Fastify, { type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from './config';
import { apiKeyRoutes } from './modules/apikeys/apikeys.routes';
import { auditRoutes } from './modules/audit/audit.routes';
import { authRoutes } from './modules/auth/auth.routes';
import { contactRoutes } from './modules/contacts/contacts.routes';
import { directoryRoutes } from './modules/directory/directory.routes';
import { hsdsRoutes } from './modules/hsds/hsds.routes';
import { resourceRoutes } from './modules/resources/resources.routes';
import { staffRoutes } from './modules/staff/staff.routes';
import { healthRoutes } from './modules/health/health.routes';
import { authPlugin } from './plugins/auth';
import { dbPlugin } from './plugins/db';
import { errorsPlugin } from './plugins/errors';
import { housekeepingPlugin } from './plugins/housekeeping';
import { openapiPlugin } from './plugins/openapi';
import { realtimePlugin } from './plugins/realtime';
import { securityPlugin } from './plugins/security';
import { webPlugin } from './plugins/web';

export interface BuildAppOptions {
  config: Config;
  database: Database;
  /** Where the log goes (standard output when not given). */
  logStream?: NodeJS.WritableStream;
}

/** Personal details can travel in query strings (a caller's phone number): log paths, never queries. */
const loggerOptions = (level: string, stream?: NodeJS.WritableStream): FastifyServerOptions['logger'] => ({
  level,
  ...(stream ? { stream } : {}),
  redact: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]'],
  serializers: {
    req: (req: { id: string; method: string; url: string }) => ({
      id: req.id,
      method: req.method,
      path: req.url.split('?')[0],
    }),
  },
});

/** Builds the whole application; never listens. */
export async function buildApp({ config, database, logStream }: BuildAppOptions) {
  const app = Fastify({
    logger: loggerOptions(config.logLevel, logStream),
    trustProxy: config.trustProxy.length ? config.trustProxy : false,
    genReqId: () => crypto.randomUUID(),
    requestIdHeader: false,
    // Every other JSON body (a contact with all its needs and notes is well under this); sign-in and the
    // import routes set their own.
    bodyLimit: 2 * 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await app.register(errorsPlugin);
  await app.register(dbPlugin, { database });
  await app.register(securityPlugin);
  await app.register(openapiPlugin);
  await app.register(realtimePlugin, { config });
  await app.register(authPlugin, { config });
  await app.register(webPlugin, { webDist: config.webDist });
  await app.register(housekeepingPlugin, { config });

  await app.register(healthRoutes);
  await app.register(authRoutes, { config });
  await app.register(staffRoutes, { config });
  await app.register(apiKeyRoutes, { config });
  await app.register(auditRoutes, { config });
  await app.register(directoryRoutes, { config });
  await app.register(hsdsRoutes, { config });
  await app.register(resourceRoutes, { config });
  await app.register(contactRoutes, { config });

  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
