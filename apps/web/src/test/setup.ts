import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterAll, afterEach, beforeAll } from 'vitest';
import i18n from '../i18n';
import { apiSession } from '../lib/api';
import { signedOut } from '../lib/session';
import { server } from './server';

// The machine running the suite may be busy: give findBy/waitFor more than the default second.
configure({ asyncUtilTimeout: 3_000 });

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(async () => {
  cleanup();
  server.resetHandlers();
  localStorage.clear();
  apiSession.forget();
  signedOut.clear();
  await i18n.changeLanguage('en');
});
afterAll(() => server.close());
