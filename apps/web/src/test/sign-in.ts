import type { Me } from '@relais/contracts';
import { screen } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { signedIn } from './fixtures';
import { server } from './server';

/** POST /api/auth/login signs `me` in: from then on GET /api/auth/me answers with them. */
export function acceptLogin(me: Me) {
  server.use(
    http.post('/api/auth/login', () => {
      signedIn(me);
      return HttpResponse.json(me);
    }),
  );
}

/** Fills in the login screen (once it is shown) and presses "Sign in". */
export async function submitLogin(user: UserEvent, email: string, password = 'relais-demo-2026') {
  await user.type(await screen.findByLabelText('Email'), email);
  await user.type(screen.getByLabelText('Password'), password);
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
}
