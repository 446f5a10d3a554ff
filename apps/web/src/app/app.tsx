import type { QueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { createBrowserRouter, RouterProvider } from 'react-router-dom';
import type { ConnectRealtime } from '../lib/socket';
import { AppProviders } from './providers';
import { buildRoutes } from './router';
import { allFeatureOverlays, allFeatureRoutes } from './routes';

export function App({ queryClient, connect }: { queryClient: QueryClient; connect?: ConnectRealtime }) {
  const [router] = useState(() => createBrowserRouter(buildRoutes(allFeatureRoutes, allFeatureOverlays)));
  return (
    <AppProviders queryClient={queryClient} connect={connect}>
      <RouterProvider router={router} />
    </AppProviders>
  );
}
