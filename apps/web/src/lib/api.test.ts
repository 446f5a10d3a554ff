import { z } from 'zod';
import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { server } from '../test/server';
import { api, apiSession, ApiError } from './api';

const Thing = z.object({ id: z.string(), count: z.number() });

afterEach(() => apiSession.setUnauthenticatedHandler(null));

describe('api client', () => {
  it('sends the session CSRF token on changes, never on reads', async () => {
    const seen: Record<string, string | null> = {};
    server.use(
      http.get('/api/things', ({ request }) => {
        seen.get = request.headers.get('x-csrf-token');
        return HttpResponse.json({ id: 'a', count: 1 });
      }),
      http.post('/api/things', ({ request }) => {
        seen.post = request.headers.get('x-csrf-token');
        seen.contentType = request.headers.get('content-type');
        return HttpResponse.json({ id: 'b', count: 2 });
      }),
      http.delete('/api/things/b', ({ request }) => {
        seen.delete = request.headers.get('x-csrf-token');
        return new HttpResponse(null, { status: 204 });
      }),
    );
    apiSession.setCsrfToken('token-123');

    await expect(api.get('/api/things', Thing)).resolves.toEqual({ id: 'a', count: 1 });
    await expect(api.post('/api/things', Thing, { name: 'x' })).resolves.toEqual({ id: 'b', count: 2 });
    await expect(api.delete('/api/things/b', z.undefined())).resolves.toBeUndefined();
    expect(seen).toEqual({
      get: null,
      post: 'token-123',
      contentType: 'application/json',
      delete: 'token-123',
    });
  });

  it('turns an error response into an ApiError with code, fields and request id', async () => {
    server.use(
      http.post('/api/things', () =>
        HttpResponse.json(
          {
            error: {
              code: 'validation',
              message: 'Request is not valid',
              fields: [{ path: 'body.name', message: 'Too short' }],
              requestId: 'req-1',
            },
          },
          { status: 400, headers: { 'x-request-id': 'req-1' } },
        ),
      ),
    );
    const error = await api.post('/api/things', Thing, { name: '' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 400,
      code: 'validation',
      message: 'Request is not valid',
      requestId: 'req-1',
      fields: [{ path: 'body.name', message: 'Too short' }],
    });
    expect((error as ApiError).fieldMessages()).toEqual({ name: 'Too short' });
  });

  it('rejects an answer that breaks the contract, and a server it cannot reach', async () => {
    server.use(
      http.get('/api/things', () => HttpResponse.json({ id: 'a', count: 'many' })),
      http.get('/api/down', () => HttpResponse.error()),
      http.get('/api/broken', () => new HttpResponse('<html>Bad gateway</html>', { status: 502 })),
    );
    await expect(api.get('/api/things', Thing)).rejects.toMatchObject({
      code: 'invalid_response',
      status: 200,
    });
    await expect(api.get('/api/down', Thing)).rejects.toMatchObject({ code: 'network', status: 0 });
    await expect(api.get('/api/broken', Thing)).rejects.toMatchObject({ code: 'internal', status: 502 });
  });

  it('builds query strings, leaving out empty values and repeating arrays', async () => {
    let url = '';
    server.use(
      http.get('/api/things', ({ request }) => {
        url = new URL(request.url).search;
        return HttpResponse.json({ id: 'a', count: 1 });
      }),
    );
    await api.get('/api/things', Thing, {
      query: { q: 'food bank', page: 2, empty: '', none: undefined, tag: ['a', 'b'] },
    });
    expect(url).toBe('?q=food+bank&page=2&tag=a&tag=b');
  });

  it('reports a 401 as a session that ended, except while signing in', async () => {
    const ended = vi.fn();
    apiSession.setUnauthenticatedHandler(ended);
    const unauthenticated = () =>
      HttpResponse.json({ error: { code: 'unauthenticated', message: 'Sign in first' } }, { status: 401 });
    server.use(http.get('/api/things', unauthenticated), http.post('/api/auth/login', unauthenticated));

    await expect(api.post('/api/auth/login', Thing, {})).rejects.toMatchObject({ status: 401 });
    await expect(api.get('/api/auth/me', Thing)).rejects.toMatchObject({ status: 401 });
    expect(ended).not.toHaveBeenCalled();
    await expect(api.get('/api/things', Thing)).rejects.toMatchObject({
      status: 401,
      code: 'unauthenticated',
    });
    expect(ended).toHaveBeenCalledTimes(1);
  });
});
