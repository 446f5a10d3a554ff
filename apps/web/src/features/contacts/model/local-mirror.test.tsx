import { screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { errorBody, meFixture, signedIn } from '../../../test/fixtures';
import { renderApp } from '../../../test/render-app';
import { server } from '../../../test/server';
import { mirrorKey, readMirror, writeMirror } from './local-mirror';

const SAM = meFixture(['specialist']);
const ADA = {
  ...meFixture(['admin']),
  staff: { ...meFixture(['admin']).staff, id: '7d3c1a52-1f4e-4b7a-9d2e-6a0f3b8c9e11' },
};

const storedText = () => JSON.stringify({ ...localStorage });

async function signedInAs(me: typeof SAM) {
  signedIn(me);
  const view = renderApp({ path: '/' });
  await screen.findByRole('heading', { level: 1, name: /^Hello/ });
  return view;
}

describe('drafts kept in this browser', () => {
  it('are keyed by staff member, and removed when that person signs out', async () => {
    const { user } = await signedInAs(SAM);
    writeMirror(mirrorKey('c-1'), 3, { callerName: 'Amira' });
    expect(mirrorKey('c-1')).toContain(SAM.staff.id);
    expect(readMirror(mirrorKey('c-1'))?.draft).toEqual({ callerName: 'Amira' });

    server.use(http.post('/api/auth/logout', () => HttpResponse.json({ ok: true })));
    await user.click(screen.getByRole('button', { name: 'Sign out' }));
    await screen.findByRole('heading', { level: 1, name: 'Sign in' });
    expect(storedText()).not.toContain('Amira');
    // Signed out, nothing more is written.
    writeMirror(mirrorKey('c-1'), 4, { callerName: 'Amira' });
    expect(storedText()).not.toContain('Amira');
  });

  it('are never readable by the next person who signs in on the same workstation', async () => {
    const first = await signedInAs(SAM);
    writeMirror(mirrorKey('c-2'), 1, { callerName: 'Amira' });
    const samKey = mirrorKey('c-2');
    first.unmount();

    // The tab was closed without signing out; someone else signs in.
    await signedInAs(ADA);
    expect(mirrorKey('c-2')).not.toBe(samKey);
    expect(readMirror(mirrorKey('c-2'))).toBeNull();
    expect(storedText()).not.toContain('Amira');
  });

  it('survive a reload in the same session (crash recovery), and go once the session has ended', async () => {
    const first = await signedInAs(SAM);
    writeMirror(mirrorKey('c-3'), 1, { callerName: 'Amira' });
    first.unmount();
    const again = await signedInAs(SAM);
    expect(readMirror(mirrorKey('c-3'))?.draft).toEqual({ callerName: 'Amira' });
    again.unmount();

    // The session ran out while the console was closed: the next start finds no session.
    server.use(
      http.get('/api/auth/me', () => HttpResponse.json(errorBody('unauthenticated', 'no'), { status: 401 })),
    );
    renderApp({ path: '/' });
    await screen.findByRole('heading', { level: 1, name: 'Sign in' });
    await waitFor(() => expect(storedText()).not.toContain('Amira'));
  });

  it('go when the server ends the session while the console is open', async () => {
    const { realtime } = await signedInAs(SAM);
    writeMirror(mirrorKey('c-4'), 1, { callerName: 'Amira' });
    server.use(
      http.get('/api/auth/me', () => HttpResponse.json(errorBody('unauthenticated', 'no'), { status: 401 })),
    );
    realtime.emit('session.ended', { reason: 'expired' });
    await screen.findByRole('heading', { level: 1, name: 'Sign in' });
    expect(storedText()).not.toContain('Amira');
  });
});
