import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { api } from '../../../lib/api';
import { errorBody, meFixture, signedIn } from '../../../test/fixtures';
import { renderApp } from '../../../test/render-app';
import { server } from '../../../test/server';

const inSeconds = (s: number) => new Date(Date.now() + s * 1000).toISOString();

/** /api/auth/me answers with each of these expiries in turn (the last one repeats). */
function sessionExpiring(...expiries: Array<() => string>) {
  let calls = 0;
  server.use(
    http.get('/api/auth/me', () => {
      const expiry = expiries[Math.min(calls, expiries.length - 1)] ?? (() => inSeconds(1800));
      calls += 1;
      return HttpResponse.json(meFixture(['specialist'], { expiresAt: expiry() }));
    }),
  );
  return { calls: () => calls };
}

/** Opens the console and waits past the warning's check: no warning may have come. */
async function expectNoWarningAfterASecond() {
  renderApp();
  await screen.findByRole('heading', { level: 1, name: 'Hello, Sam' });
  await new Promise((r) => setTimeout(r, 1_100));
  expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
}

describe('idle session warning', () => {
  it('warns two minutes before the end, and "stay signed in" slides the session', async () => {
    const me = sessionExpiring(
      () => inSeconds(90),
      () => inSeconds(1800),
    );
    const { user } = renderApp();

    const dialog = await screen.findByRole('alertdialog', { name: 'Your session is about to end' });
    expect(within(dialog).getByText(/^Time left: 1:(2\d|30)$/)).toBeInTheDocument();
    expect(within(dialog).getByText(/after 30 minutes without activity/)).toBeInTheDocument();
    const stay = within(dialog).getByRole('button', { name: 'Stay signed in' });
    expect(stay).toHaveFocus();

    await user.click(stay);
    await waitFor(() => expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument());
    expect(me.calls()).toBe(2);
    expect(screen.getByRole('heading', { level: 1, name: 'Hello, Sam' })).toBeInTheDocument();
  });

  it('keeps keyboard focus inside the dialog, and Escape also keeps the session', async () => {
    const me = sessionExpiring(
      () => inSeconds(90),
      () => inSeconds(1800),
    );
    const { user } = renderApp();
    const dialog = await screen.findByRole('alertdialog');
    const stay = within(dialog).getByRole('button', { name: 'Stay signed in' });
    const signOut = within(dialog).getByRole('button', { name: 'Sign out now' });
    await waitFor(() => expect(stay).toHaveFocus());
    await user.tab();
    expect(signOut).toHaveFocus();
    await user.tab({ shift: true });
    expect(stay).toHaveFocus();
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument());
    expect(me.calls()).toBe(2);
  });

  it('stays quiet while the session has time left', async () => {
    sessionExpiring(() => inSeconds(10 * 60));
    await expectNoWarningAfterASecond();
  });

  it('counts a person’s recent requests as activity (each one slid the session on the server)', async () => {
    server.use(http.get('/api/things', () => HttpResponse.json({ ok: true })));
    await api.get('/api/things', z.object({ ok: z.boolean() }), { activity: 'user' });
    sessionExpiring(() => inSeconds(90));
    await expectNoWarningAfterASecond();
  });

  it('does not count background refetches: the warning still comes while nobody touches the console', async () => {
    server.use(http.get('/api/things', () => HttpResponse.json({ ok: true })));
    sessionExpiring(() => inSeconds(90));
    renderApp();
    await screen.findByRole('heading', { level: 1, name: 'Hello, Sam' });
    // What a live event's refetch does: a request nobody caused.
    await api.get('/api/things', z.object({ ok: z.boolean() }), { activity: 'background' });
    expect(
      await screen.findByRole('alertdialog', { name: 'Your session is about to end' }),
    ).toBeInTheDocument();
  });

  it('at the absolute lifetime says so and offers no way to stay', async () => {
    signedIn(meFixture(['specialist'], { absoluteExpiresAt: inSeconds(90) }));
    renderApp();
    const dialog = await screen.findByRole('alertdialog', { name: 'Your session reaches its time limit' });
    expect(within(dialog).getByText(/every session ends after a set time/)).toBeInTheDocument();
    expect(within(dialog).queryByRole('button', { name: 'Stay signed in' })).not.toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Sign out now' })).toBeInTheDocument();
  });

  it('signs out at the end, closes the session on the server and says why', async () => {
    sessionExpiring(() => inSeconds(1.5));
    let logoutToken: string | null = null;
    server.use(
      http.post('/api/auth/logout', ({ request }) => {
        logoutToken = request.headers.get('x-csrf-token');
        return HttpResponse.json(errorBody('unauthenticated', 'Sign in first'), { status: 401 });
      }),
    );
    renderApp();
    await screen.findByRole('alertdialog');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Sign in' }, { timeout: 5_000 }),
    ).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent(
      'You were signed out after a period without activity. Please sign in again.',
    );
    await waitFor(() => expect(logoutToken).toBe('csrf-specialist'));
  });
});
