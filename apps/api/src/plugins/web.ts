import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/** In start mode the API serves the built console; unknown non-API paths get index.html (client routing). */
export const webPlugin = fp(
  async (app: FastifyInstance, opts: { webDist: string }) => {
    if (!existsSync(join(opts.webDist, 'index.html'))) {
      app.log.warn(
        { webDist: opts.webDist },
        'console build not found: run `pnpm build` to serve the console',
      );
      return;
    }
    await app.register(fastifyStatic, { root: opts.webDist, wildcard: false, index: 'index.html' });
    app.decorate('serveConsole', true);
  },
  { name: 'web' },
);

declare module 'fastify' {
  interface FastifyInstance {
    serveConsole?: boolean;
  }
}
