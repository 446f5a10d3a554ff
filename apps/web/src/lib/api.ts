import {
  ACTIVITY_HEADER,
  CSRF_HEADER,
  ErrorResponse,
  USER_ACTIVITY,
  type ErrorCode,
  type FieldError,
} from '@relais/contracts';
import type { z } from 'zod';

/** Codes the client adds to the server's vocabulary: the request never got an answer, or an unexpected one. */
export type ClientErrorCode = 'network' | 'invalid_response';

export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode | ClientErrorCode;
  readonly fields: FieldError[];
  readonly details: Record<string, unknown>;
  readonly requestId: string | undefined;

  constructor(init: {
    status: number;
    code: ErrorCode | ClientErrorCode;
    message: string;
    fields?: FieldError[];
    details?: Record<string, unknown>;
    requestId?: string;
  }) {
    super(init.message);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.fields = init.fields ?? [];
    this.details = init.details ?? {};
    this.requestId = init.requestId;
  }

  /** Field messages keyed by the field's path without its `body.`/`query.` prefix, for forms. */
  fieldMessages(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const f of this.fields) {
      const key = f.path.replace(/^(body|querystring|query|params)\.?/, '');
      out[key] ??= f.message;
    }
    return out;
  }
}

export const isApiError = (value: unknown): value is ApiError => value instanceof ApiError;

/** Whether `value` is an ApiError with this code (e.g. 'validation', 'conflict'). */
export const isApiErrorCode = (value: unknown, code: ApiError['code']): value is ApiError =>
  isApiError(value) && value.code === code;

/** Query parameters: empty values are left out, arrays repeat the key, dates become ISO strings. */
type Query = object;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
  /** Overrides the session's token, for a request sent just as the session is being forgotten. */
  csrfToken?: string;
  /** Extra request headers, e.g. an Idempotency-Key. */
  headers?: Record<string, string>;
  /**
   * Whether a person caused this request (only those keep the session alive). By default: yes when they
   * pressed a key, clicked or touched in the last few seconds; refetches after a live event are not.
   */
  activity?: 'user' | 'background';
}

/** How recent a person's input must be for a request to count as theirs (autosave waits under a second). */
export const USER_ACTION_WINDOW_MS = 5_000;
let lastInputAt = 0;
const noteInput = () => {
  lastInputAt = Date.now();
};
if (typeof window !== 'undefined') {
  for (const type of ['keydown', 'pointerdown', 'touchstart'] as const)
    window.addEventListener(type, noteInput, { capture: true, passive: true });
}
const personCaused = (activity: RequestOptions['activity']) =>
  activity ? activity === 'user' : Date.now() - lastInputAt < USER_ACTION_WINDOW_MS;

/**
 * The session-wide state the client needs: the CSRF token of the signed-in session, what to do when the
 * server says the session is gone, and when the server last saw us (the idle timer builds on it).
 */
interface ClientState {
  csrfToken: string | null;
  onUnauthenticated: (() => void) | null;
  lastActivityAt: number;
  /** server clock minus local clock, in ms, from the last response's Date header. */
  clockOffsetMs: number;
}

const state: ClientState = { csrfToken: null, onUnauthenticated: null, lastActivityAt: 0, clockOffsetMs: 0 };

const ACTIVITY_KEY = 'relais.lastActivityAt';

function readSharedActivity(): number {
  try {
    return Number(localStorage.getItem(ACTIVITY_KEY)) || 0;
  } catch {
    return 0;
  }
}

function noteActivity() {
  state.lastActivityAt = Date.now();
  try {
    localStorage.setItem(ACTIVITY_KEY, String(state.lastActivityAt));
  } catch {
    // Storage unavailable: this tab still knows.
  }
}

export const apiSession = {
  /** A session started (or was confirmed): its token goes on every state-changing request. */
  setCsrfToken(token: string) {
    state.csrfToken = token;
  },
  /** The session is over: forget its token and its activity. */
  forget() {
    state.csrfToken = null;
    state.lastActivityAt = 0;
    try {
      localStorage.removeItem(ACTIVITY_KEY);
    } catch {
      // Storage unavailable: nothing was shared.
    }
  },
  /** Called when a request meets 401 while we believed we were signed in. */
  setUnauthenticatedHandler(handler: (() => void) | null) {
    state.onUnauthenticated = handler;
  },
  /** When a person's request last reached the server in any tab of this browser (each one slid the session). */
  lastActivityAt(): number {
    return Math.max(state.lastActivityAt, readSharedActivity());
  },
  clockOffsetMs: () => state.clockOffsetMs,
};

/** Requests whose 401 means "not signed in yet", not "your session ended". */
const SESSION_PROBES = new Set(['/api/auth/login', '/api/auth/me']);

function buildUrl(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  const text = (value: unknown) => (value instanceof Date ? value.toISOString() : String(value));
  for (const [key, value] of Object.entries(query) as Array<[string, unknown]>) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) value.forEach((v: unknown) => params.append(key, text(v)));
    else params.set(key, text(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function noteServerClock(response: Response) {
  const date = response.headers.get('date');
  const serverNow = date ? Date.parse(date) : NaN;
  if (!Number.isNaN(serverNow)) state.clockOffsetMs = serverNow - Date.now();
}

/**
 * One request to the API. The response body is parsed with the contract schema given, so a screen only
 * ever sees data the contract promises; any failure becomes an ApiError.
 */
export async function request<S extends z.ZodType>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  schema: S,
  options: RequestOptions = {},
): Promise<z.output<S>> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const csrfToken = options.csrfToken ?? state.csrfToken;
  if (method !== 'GET' && csrfToken) headers[CSRF_HEADER] = csrfToken;
  const byPerson = personCaused(options.activity);
  if (byPerson) headers[ACTIVITY_HEADER] = USER_ACTIVITY;

  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError({ status: 0, code: 'network', message: 'The server could not be reached' });
  }

  noteServerClock(response);
  const body = await readJson(response);
  const requestId = response.headers.get('x-request-id') ?? undefined;

  if (!response.ok) {
    const parsed = ErrorResponse.safeParse(body);
    const error = parsed.success
      ? new ApiError({ status: response.status, ...parsed.data.error, requestId })
      : new ApiError({
          status: response.status,
          code: response.status >= 500 ? 'internal' : 'invalid_response',
          message: `The server answered ${response.status}`,
          requestId,
        });
    if (response.status === 401 && !SESSION_PROBES.has(path)) state.onUnauthenticated?.();
    throw error;
  }

  // /me and login return the exact expiry themselves; any other answer to a person's request means the
  // server slid the session. Background requests leave it, so they do not hold off the idle warning.
  if (byPerson && !SESSION_PROBES.has(path)) noteActivity();
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new ApiError({
      status: response.status,
      code: 'invalid_response',
      message: `Unexpected response from ${method} ${path}`,
      requestId,
    });
  }
  return parsed.data;
}

export const api = {
  get: <S extends z.ZodType>(path: string, schema: S, options?: Omit<RequestOptions, 'body'>) =>
    request('GET', path, schema, options),
  post: <S extends z.ZodType>(path: string, schema: S, body?: unknown, options?: RequestOptions) =>
    request('POST', path, schema, { ...options, body }),
  put: <S extends z.ZodType>(path: string, schema: S, body?: unknown, options?: RequestOptions) =>
    request('PUT', path, schema, { ...options, body }),
  patch: <S extends z.ZodType>(path: string, schema: S, body?: unknown, options?: RequestOptions) =>
    request('PATCH', path, schema, { ...options, body }),
  delete: <S extends z.ZodType>(path: string, schema: S, options?: RequestOptions) =>
    request('DELETE', path, schema, options),
};
