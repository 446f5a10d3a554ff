import type { Role } from '@relais/contracts';
import { meFixture, signedIn } from '../../../test/fixtures';
import { renderApp } from '../../../test/render-app';
import { featureOverlays, featureRoutes } from '../routes';

/** The real console with this feature's screens, signed in with these roles, at `path`. */
export function renderContacts(path: string, roles: Role[] = ['specialist']) {
  signedIn(meFixture(roles));
  return renderApp({ path, features: featureRoutes, overlays: featureOverlays });
}

/** Waits for the workspace of a draft contact (lazy screens take a moment on a cold test run). */
export async function findWorkspace() {
  const { screen } = await import('@testing-library/react');
  return screen.findByRole('heading', { level: 1, name: /^Contact · / }, { timeout: 8000 });
}
