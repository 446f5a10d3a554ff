import { setupServer } from 'msw/node';
import { http, HttpResponse } from 'msw';

/** Default network for web tests: nobody is signed in. Tests add their own handlers with server.use(). */
export const server = setupServer(
  http.get('/api/auth/me', () =>
    HttpResponse.json({ error: { code: 'unauthenticated', message: 'Sign in first' } }, { status: 401 }),
  ),
);
