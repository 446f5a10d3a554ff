import { ACTIVITY_HEADER } from '@relais/contracts';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { server } from '../test/server';
import { api, apiSession } from './api';

const Ok = z.object({ ok: z.boolean() });

function recordActivityHeader() {
  const seen: Array<string | null> = [];
  server.use(
    http.get('/api/things', ({ request }) => {
      seen.push(request.headers.get(ACTIVITY_HEADER));
      return HttpResponse.json({ ok: true });
    }),
  );
  return seen;
}

// In file order: the first test runs before anyone has pressed a key in this module's lifetime.
describe('which requests keep the session alive', () => {
  it('a request nobody caused (a refetch after a live event) is sent as background and is not activity', async () => {
    const seen = recordActivityHeader();
    await api.get('/api/things', Ok);
    expect(seen).toEqual([null]);
    expect(apiSession.lastActivityAt()).toBe(0);
  });

  it('a request right after a key press or a click is marked as the person’s, and counts as activity', async () => {
    const seen = recordActivityHeader();
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'a' }));
    await api.get('/api/things', Ok);
    expect(seen).toEqual(['user']);
    expect(apiSession.lastActivityAt()).toBeGreaterThan(Date.now() - 1_000);
  });

  it('a caller can say explicitly that a request is background, or the person’s', async () => {
    const seen = recordActivityHeader();
    window.dispatchEvent(new MouseEvent('pointerdown'));
    await api.get('/api/things', Ok, { activity: 'background' });
    apiSession.forget();
    await api.get('/api/things', Ok, { activity: 'user' });
    expect(seen).toEqual([null, 'user']);
  });
});
