import type { AccountSession, Me } from '@relais/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { changeLanguage } from '../../../i18n';
import { errorBody, meFixture } from '../../../test/fixtures';
import { renderApp } from '../../../test/render-app';
import { server } from '../../../test/server';
import { featureRoutes } from '../routes';

const session = (over: Partial<AccountSession>): AccountSession => ({
  id: '11111111-1111-4111-8111-111111111111',
  current: true,
  userAgent: 'Firefox on the front desk',
  ip: '192.0.2.10',
  createdAt: '2026-03-02T13:00:00.000Z',
  lastSeenAt: '2026-03-02T14:00:00.000Z',
  expiresAt: '2026-03-02T14:30:00.000Z',
  ...over,
});

/** A small fake of the account API: /me follows what the person did. */
function fakeAccount(start: Partial<Me> = {}) {
  let me = meFixture(['supervisor'], start);
  let sessions = [
    session({}),
    session({
      id: '22222222-2222-4222-8222-222222222222',
      current: false,
      userAgent: 'Chrome at home',
      ip: '203.0.113.5',
    }),
  ];
  const calls: Array<{ url: string; body: unknown }> = [];
  const record = async (request: Request) => {
    const text = await request.text();
    calls.push({ url: new URL(request.url).pathname, body: text ? JSON.parse(text) : undefined });
  };
  server.use(
    http.get('/api/auth/me', () => HttpResponse.json(me)),
    http.post('/api/account/password', async ({ request }) => {
      await record(request);
      const body = calls.at(-1)?.body as { currentPassword: string };
      if (body.currentPassword !== 'my old password!')
        return HttpResponse.json(
          errorBody('validation', 'currentPassword: is not your current password', {
            fields: [{ path: 'currentPassword', message: 'is not your current password' }],
          }),
          { status: 400 },
        );
      me = { ...me, required: me.required.filter((s) => s !== 'change_password') };
      sessions = sessions.filter((s) => s.current);
      return HttpResponse.json({ ended: 1 });
    }),
    http.get('/api/account/sessions', () => HttpResponse.json({ items: sessions })),
    http.post('/api/account/sessions/:id/end', async ({ request, params }) => {
      await record(request);
      sessions = sessions.filter((s) => s.id !== params.id);
      return HttpResponse.json({ ended: 1 });
    }),
    http.post('/api/account/totp/setup', async ({ request }) => {
      await record(request);
      return HttpResponse.json({
        secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
        uri: 'otpauth://totp/Relais:supervisor%40demo.relais?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
        qrSvg: '<svg xmlns="http://www.w3.org/2000/svg"></svg>',
      });
    }),
    http.post('/api/account/totp/confirm', async ({ request }) => {
      await record(request);
      const body = calls.at(-1)?.body as { code: string };
      if (body.code !== '123456')
        return HttpResponse.json(
          errorBody('validation', 'code: is not right', {
            fields: [{ path: 'code', message: 'is not right' }],
          }),
          { status: 400 },
        );
      me = { ...me, totpEnabled: true, required: me.required.filter((s) => s !== 'enrol_totp') };
      return HttpResponse.json({ ok: true });
    }),
  );
  return { calls };
}

describe('My account', () => {
  it('changes my password with the current one, and names a wrong current password', async () => {
    const { calls } = fakeAccount();
    const { user } = renderApp({ path: '/account', features: featureRoutes });
    const form = await screen.findByRole('form', { name: 'Password' });
    await user.type(within(form).getByLabelText('Current password'), 'not it');
    await user.type(within(form).getByLabelText('New password'), 'a brand new passphrase');
    await user.type(within(form).getByLabelText('New password again'), 'a brand new passphrase');
    await user.click(within(form).getByRole('button', { name: 'Change password' }));
    expect(await within(form).findByText('This is not your current password.')).toBeInTheDocument();

    await user.clear(within(form).getByLabelText('Current password'));
    await user.type(within(form).getByLabelText('Current password'), 'my old password!');
    await user.click(within(form).getByRole('button', { name: 'Change password' }));
    expect(await within(form).findByText(/Your password is changed/)).toBeInTheDocument();
    expect(calls.at(-1)).toEqual({
      url: '/api/account/password',
      body: { currentPassword: 'my old password!', newPassword: 'a brand new passphrase' },
    });
  });

  it('checks the new password before sending it', async () => {
    const { calls } = fakeAccount();
    const { user } = renderApp({ path: '/account', features: featureRoutes });
    const form = await screen.findByRole('form', { name: 'Password' });
    await user.type(within(form).getByLabelText('Current password'), 'my old password!');
    await user.type(within(form).getByLabelText('New password'), 'short');
    await user.click(within(form).getByRole('button', { name: 'Change password' }));
    expect(within(form).getByText('Use at least 12 characters.')).toBeInTheDocument();
    await user.clear(within(form).getByLabelText('New password'));
    await user.type(within(form).getByLabelText('New password'), 'long enough password');
    await user.type(within(form).getByLabelText('New password again'), 'something else entirely');
    await user.click(within(form).getByRole('button', { name: 'Change password' }));
    expect(within(form).getByText('The two new passwords are not the same.')).toBeInTheDocument();
    expect(calls).toEqual([]);
  });

  it('lists where I am signed in and ends another session', async () => {
    const { calls } = fakeAccount();
    const { user } = renderApp({ path: '/account', features: featureRoutes });
    const row = (await screen.findByText('Chrome at home')).closest('tr');
    if (!row) throw new Error('no row');
    expect(within(row).getByText('203.0.113.5')).toBeInTheDocument();
    expect(screen.getByText('This session')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'End the session on Chrome at home' }));
    await waitFor(() => expect(screen.queryByText('Chrome at home')).not.toBeInTheDocument());
    expect(calls.at(-1)?.url).toBe('/api/account/sessions/22222222-2222-4222-8222-222222222222/end');
    expect(screen.getByText('You are signed in here only.')).toBeInTheDocument();
  });

  it('sets up two-step verification: QR code and key shown once, confirmed with a code', async () => {
    const { calls } = fakeAccount();
    const { user } = renderApp({ path: '/account', features: featureRoutes });
    expect(await screen.findByText('Two-step verification is off.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Set up two-step verification' }));
    expect(await screen.findByText('Enter your password.')).toBeInTheDocument();
    await user.type(screen.getByLabelText('Your password, to set it up'), 'my own password!');
    await user.click(screen.getByRole('button', { name: 'Set up two-step verification' }));
    expect(await screen.findByRole('img', { name: /QR code/ })).toBeInTheDocument();
    expect(calls.find((c) => c.url === '/api/account/totp/setup')?.body).toEqual({
      currentPassword: 'my own password!',
    });
    expect(screen.getByTestId('totp-secret')).toHaveTextContent('JBSW Y3DP EHPK 3PXP');
    await user.type(screen.getByLabelText('Code shown by the app'), '000000');
    await user.click(screen.getByRole('button', { name: 'Turn on' }));
    expect(await screen.findByText(/This code is not right/)).toBeInTheDocument();
    await user.clear(screen.getByLabelText('Code shown by the app'));
    await user.type(screen.getByLabelText('Code shown by the app'), '123456');
    await user.click(screen.getByRole('button', { name: 'Turn on' }));
    expect(await screen.findByText(/Two-step verification is on\./)).toBeInTheDocument();
    expect(screen.queryByTestId('totp-secret')).not.toBeInTheDocument();
  });

  it('is in French too', async () => {
    fakeAccount();
    await changeLanguage('fr');
    renderApp({ path: '/account', features: featureRoutes });
    expect(await screen.findByRole('heading', { level: 1, name: 'Mon compte' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Vérification en deux étapes' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Mon compte' })).toBeInTheDocument();
  });
});

describe('steps required before anything else', () => {
  it('after an admin reset, the change-password screen comes before the console', async () => {
    fakeAccount({ required: ['change_password'] });
    const { user } = renderApp({ path: '/', features: featureRoutes });
    expect(await screen.findByRole('heading', { level: 1, name: 'Before you start' })).toBeInTheDocument();
    expect(screen.getByText(/An administrator set your password/)).toBeInTheDocument();
    expect(screen.queryByRole('navigation', { name: 'Main navigation' })).not.toBeInTheDocument();
    await user.type(screen.getByLabelText('Current password'), 'my old password!');
    await user.type(screen.getByLabelText('New password'), 'a brand new passphrase');
    await user.type(screen.getByLabelText('New password again'), 'a brand new passphrase');
    await user.click(screen.getByRole('button', { name: 'Change password' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Hello, Simone' })).toBeInTheDocument();
    expect(screen.getByRole('navigation', { name: 'Main navigation' })).toBeInTheDocument();
  });

  it('where the centre requires it, two-step verification is set up first', async () => {
    fakeAccount({ required: ['enrol_totp'], totpRequired: true });
    const { user, realtime } = renderApp({ path: '/', features: featureRoutes });
    expect(await screen.findByText(/Your centre requires two-step verification/)).toBeInTheDocument();
    expect(realtime.openConnections()).toBe(0);
    await user.type(screen.getByLabelText('Your password, to set it up'), 'my own password!');
    await user.click(screen.getByRole('button', { name: 'Set up two-step verification' }));
    await user.type(await screen.findByLabelText('Code shown by the app'), '123456');
    await user.click(screen.getByRole('button', { name: 'Turn on' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Hello, Simone' })).toBeInTheDocument();
    await waitFor(() => expect(realtime.openConnections()).toBe(1));
  });
});
