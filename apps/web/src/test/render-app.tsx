import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router-dom';
import { AppProviders, createQueryClient } from '../app/providers';
import { buildRoutes } from '../app/router';
import type { FeatureOverlay, FeatureRoute } from '../lib/feature-route';
import { fakeRealtime } from './fake-realtime';

/** The whole console (real shell, real screens) at `path`, over MSW and a fake realtime link. */
export function renderApp({
  path = '/',
  features = [],
  overlays = [],
}: { path?: string; features?: FeatureRoute[]; overlays?: FeatureOverlay[] } = {}) {
  const queryClient = createQueryClient();
  const realtime = fakeRealtime();
  const router = createMemoryRouter(buildRoutes(features, overlays), { initialEntries: [path] });
  const user = userEvent.setup();
  const view = render(
    <AppProviders queryClient={queryClient} connect={realtime.connect}>
      <RouterProvider router={router} />
    </AppProviders>,
  );
  return { ...view, user, router, queryClient, realtime };
}
