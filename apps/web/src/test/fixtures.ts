import type { Me, Role } from '@relais/contracts';
import { http, HttpResponse } from 'msw';
import { server } from './server';

const NAMES: Record<Role, string> = {
  specialist: 'Sam Specialist',
  followup: 'Fatima Follow-up',
  supervisor: 'Simone Supervisor',
  editor: 'Eddie Editor',
  admin: 'Ada Admin',
};

export function meFixture(roles: Role[] = ['specialist'], overrides: Partial<Me> = {}): Me {
  const first = roles[0] ?? 'specialist';
  return {
    staff: {
      id: '0b6f2c1e-6a53-4c1e-9a55-2f1f5c3d7a10',
      email: `${first}@demo.relais`,
      name: NAMES[first],
      roles,
      locale: 'en',
    },
    csrfToken: `csrf-${first}`,
    idleTimeoutMinutes: 30,
    expiresAt: new Date(Date.now() + 30 * 60_000).toISOString(),
    absoluteExpiresAt: new Date(Date.now() + 12 * 3_600_000).toISOString(),
    required: [],
    totpEnabled: false,
    totpRequired: false,
    demo: false,
    ...overrides,
  };
}

export const errorBody = (code: string, message: string, extra: Record<string, unknown> = {}) => ({
  error: { code, message, ...extra },
});

/** GET /api/auth/me answers with this session (a function is called on each request). */
export function signedIn(me: Me | (() => Me)) {
  server.use(http.get('/api/auth/me', () => HttpResponse.json(typeof me === 'function' ? me() : me)));
}
