import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { errorBody, meFixture, signedIn } from '../../../test/fixtures';
import { renderApp } from '../../../test/render-app';
import { server } from '../../../test/server';
import { submitLogin } from '../../../test/sign-in';

const needCode = (reason: 'missing' | 'invalid') =>
  HttpResponse.json(
    errorBody('unauthenticated', 'Enter the code', { details: { secondFactor: 'totp', reason } }),
    { status: 401 },
  );

describe('sign-in with two-step verification', () => {
  it('asks for the authenticator code after the password, then signs in with it', async () => {
    const me = meFixture(['supervisor'], { totpEnabled: true });
    const sent: unknown[] = [];
    server.use(
      http.post('/api/auth/login', async ({ request }) => {
        const body = (await request.json()) as { totpCode?: string };
        sent.push(body);
        if (!body.totpCode) return needCode('missing');
        if (body.totpCode !== '123456') return needCode('invalid');
        signedIn(me);
        return HttpResponse.json(me);
      }),
    );
    const { user } = renderApp({ path: '/login' });
    await submitLogin(user, 'supervisor@demo.relais');

    const code = await screen.findByLabelText('Code from your authenticator app');
    expect(code).toHaveFocus();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();

    await user.type(code, '12');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(screen.getByText('Enter the 6 digits your app shows.')).toBeInTheDocument();
    expect(sent).toHaveLength(1);

    await user.clear(code);
    await user.type(code, '654321');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'This code is not right or was already used. Enter the code your app shows now.',
    );

    await user.type(screen.getByLabelText('Code from your authenticator app'), '123 456');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Hello, Simone' })).toBeInTheDocument();
    expect(sent.at(-1)).toEqual({
      email: 'supervisor@demo.relais',
      password: 'relais-demo-2026',
      totpCode: '123456',
    });
  });

  it('asks in French too', async () => {
    server.use(http.post('/api/auth/login', () => needCode('missing')));
    const { user } = renderApp({ path: '/login' });
    await user.click(await screen.findByRole('button', { name: 'Français' }));
    await user.type(await screen.findByLabelText('Courriel'), 'supervisor@demo.relais');
    await user.type(screen.getByLabelText('Mot de passe'), 'relais-demo-2026');
    await user.click(screen.getByRole('button', { name: 'Se connecter' }));
    expect(await screen.findByLabelText("Code de votre application d'authentification")).toBeInTheDocument();
  });
});
