import type { ErrorCode, FieldError } from '@relais/contracts';

/** The one error vocabulary: services throw these, the errors plugin maps them to HTTP. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly options: {
      fields?: FieldError[];
      details?: Record<string, unknown>;
      headers?: Record<string, string>;
    } = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const statusOf: Record<ErrorCode, number> = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unprocessable: 422,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};

export const notFound = (what: string) => new AppError('not_found', `${what} was not found`);
export const conflict = (message: string, details?: Record<string, unknown>) =>
  new AppError('conflict', message, { details });
export const forbidden = (message = 'You do not have access to this') => new AppError('forbidden', message);
export const unauthenticated = (message = 'Sign in to continue') => new AppError('unauthenticated', message);
export const invalid = (path: string, message: string) =>
  new AppError('validation', `${path}: ${message}`, { fields: [{ path, message }] });
