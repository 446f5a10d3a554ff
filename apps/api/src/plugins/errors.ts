import type { ErrorResponse, FieldError } from '@relais/contracts';
import type { FastifyError, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, statusOf } from '../lib/errors';

function fieldPath(context: string | undefined, instancePath: string): string {
  const parts = instancePath.split('/').filter(Boolean);
  return [context ?? 'body', ...parts].join('.');
}

/**
 * What an unexpected error may put in the log. Drizzle's query errors carry the statement's parameters —
 * caller details, phone numbers — so the message stops before them, and the driver's cause keeps only its code.
 */
export function loggableError(error: Error & { code?: unknown; cause?: unknown }) {
  const cause = error.cause as { code?: unknown; message?: unknown } | undefined;
  return {
    type: error.name,
    message: error.message.split(/\nparams:/)[0],
    code: error.code ?? cause?.code,
    // The stack's first lines repeat the message: keep only the frames.
    stack: error.stack
      ?.split('\n')
      .filter((line) => line.trimStart().startsWith('at '))
      .join('\n'),
  };
}

/** One handler maps every error to `{ error: { code, message, fields?, requestId } }`; 5xx leak nothing. */
export const errorsPlugin = fp(
  async (app: FastifyInstance) => {
    app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
      const requestId = request.id;
      const send = (status: number, body: ErrorResponse['error']) =>
        reply.status(status).send({ error: { ...body, requestId } } satisfies ErrorResponse);

      if (error instanceof AppError) {
        if (error.options.headers) reply.headers(error.options.headers);
        return send(statusOf[error.code], {
          code: error.code,
          message: error.message,
          fields: error.options.fields,
          details: error.options.details,
        });
      }
      if (hasZodFastifySchemaValidationErrors(error)) {
        const fields: FieldError[] = error.validation.map((v) => ({
          path: fieldPath(error.validationContext, v.instancePath),
          message: v.message ?? 'is invalid',
        }));
        const summary = fields.map((f) => `${f.path}: ${f.message}`).join('; ');
        return send(400, { code: 'validation', message: `Invalid request: ${summary}`, fields });
      }
      const status = error.statusCode ?? 500;
      if (status === 429) return send(429, { code: 'rate_limited', message: error.message });
      if (status >= 400 && status < 500) {
        // Fastify's own client errors (bad JSON, body too large, wrong content type): their messages are safe.
        return send(status, { code: status === 404 ? 'not_found' : 'validation', message: error.message });
      }
      request.log.error({ err: loggableError(error) }, 'unhandled error');
      return send(500, {
        code: 'internal',
        message: 'Something went wrong on our side. The request id helps us find it.',
      });
    });

    app.setNotFoundHandler((request, reply) => {
      const path = request.url.split('?')[0] ?? '';
      const isApi = path.startsWith('/api') || path.startsWith('/socket.io') || path.startsWith('/health');
      if (request.method === 'GET' && !isApi && app.serveConsole) return reply.sendFile('index.html');
      reply.status(404).send({
        error: { code: 'not_found', message: `No route ${request.method} ${path}`, requestId: request.id },
      } satisfies ErrorResponse);
    });
  },
  { name: 'errors' },
);
