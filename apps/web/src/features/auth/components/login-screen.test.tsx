import { screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { LANGUAGE_STORAGE_KEY } from '../../../i18n';
import { errorBody, meFixture, signedIn } from '../../../test/fixtures';
import { renderApp } from '../../../test/render-app';
import { server } from '../../../test/server';
import { acceptLogin, submitLogin } from '../../../test/sign-in';

/** Sam, whose profile says French. */
function frenchProfile() {
  const me = meFixture(['specialist']);
  return { ...me, staff: { ...me.staff, locale: 'fr' as const } };
}

describe('login screen', () => {
  it('sends someone who is not signed in to the login screen', async () => {
    const { router } = renderApp({ path: '/' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/login');
    expect(screen.getByLabelText('Email')).toHaveFocus();
  });

  it('signs in and opens the shell for that person', async () => {
    const me = meFixture(['specialist']);
    let sent: unknown;
    server.use(
      http.post('/api/auth/login', async ({ request }) => {
        sent = await request.json();
        signedIn(me);
        return HttpResponse.json(me);
      }),
    );
    const { user } = renderApp({ path: '/login' });
    await submitLogin(user, '  specialist@demo.relais ');

    expect(await screen.findByRole('heading', { level: 1, name: 'Hello, Sam' })).toBeInTheDocument();
    expect(sent).toEqual({ email: 'specialist@demo.relais', password: 'relais-demo-2026' });
    expect(screen.getByText('Signed in as Sam Specialist')).toBeInTheDocument();
    expect(screen.getByRole('navigation', { name: 'Main navigation' })).toBeInTheDocument();
  });

  it('opens in the language of the person’s profile unless this browser chose one', async () => {
    acceptLogin(frenchProfile());
    const { user } = renderApp({ path: '/login' });
    await submitLogin(user, 'specialist@demo.relais');
    expect(await screen.findByRole('heading', { level: 1, name: 'Bonjour, Sam' })).toBeInTheDocument();
  });

  it('keeps the language chosen on this browser over the profile’s', async () => {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, 'en');
    acceptLogin(frenchProfile());
    const { user } = renderApp({ path: '/login' });
    await submitLogin(user, 'specialist@demo.relais');
    expect(await screen.findByRole('heading', { level: 1, name: 'Hello, Sam' })).toBeInTheDocument();
  });

  it('says clearly when the email or password is wrong, and keeps the email', async () => {
    server.use(
      http.post('/api/auth/login', () =>
        HttpResponse.json(errorBody('unauthenticated', 'Email or password is not right'), { status: 401 }),
      ),
    );
    const { user, router } = renderApp({ path: '/login' });
    await submitLogin(user, 'specialist@demo.relais', 'wrong');

    expect(await screen.findByRole('alert')).toHaveTextContent('Email or password is not right.');
    expect(screen.getByLabelText('Email')).toHaveValue('specialist@demo.relais');
    expect(router.state.location.pathname).toBe('/login');
  });

  it('explains a lockout and a server that cannot be reached in words people understand', async () => {
    server.use(
      http.post('/api/auth/login', () =>
        HttpResponse.json(errorBody('rate_limited', 'Too many attempts'), { status: 429 }),
      ),
    );
    const { user } = renderApp({ path: '/login' });
    await submitLogin(user, 'specialist@demo.relais', 'wrong');
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Too many attempts. Wait a moment and try again.',
    );

    server.use(http.post('/api/auth/login', () => HttpResponse.error()));
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() =>
      expect(screen.getByRole('alert')).toHaveTextContent('The server could not be reached.'),
    );
  });

  it('checks the fields before sending anything', async () => {
    let calls = 0;
    server.use(
      http.post('/api/auth/login', () => {
        calls += 1;
        return HttpResponse.json({});
      }),
    );
    const { user } = renderApp({ path: '/login' });
    await user.click(await screen.findByRole('button', { name: 'Sign in' }));
    expect(screen.getByText('Enter your email address.')).toBeInTheDocument();
    expect(screen.getByText('Enter your password.')).toBeInTheDocument();
    expect(screen.getByLabelText('Email')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Email')).toHaveFocus();

    await user.type(screen.getByLabelText('Email'), 'not-an-email');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(screen.getByText('Enter a valid email address, like name@example.org.')).toBeInTheDocument();
    expect(calls).toBe(0);
  });

  it('returns to the page that was asked for once signed in', async () => {
    const me = meFixture(['supervisor']);
    acceptLogin(me);
    const { user, router } = renderApp({ path: '/somewhere/deep?tab=2' });
    await submitLogin(user, 'supervisor@demo.relais');
    expect(await screen.findByRole('heading', { level: 1, name: 'Page not found' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/somewhere/deep');
    expect(router.state.location.search).toBe('?tab=2');
  });

  it('signs out through the API and says so on the login screen', async () => {
    signedIn(meFixture(['specialist']));
    let csrf: string | null = null;
    server.use(
      http.post('/api/auth/logout', ({ request }) => {
        csrf = request.headers.get('x-csrf-token');
        server.use(
          http.get('/api/auth/me', () =>
            HttpResponse.json(errorBody('unauthenticated', 'no'), { status: 401 }),
          ),
        );
        return HttpResponse.json({ ok: true });
      }),
    );
    const { user } = renderApp({ path: '/' });
    await user.click(await screen.findByRole('button', { name: 'Sign out' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('You are signed out.');
    expect(csrf).toBe('csrf-specialist');
  });
});
