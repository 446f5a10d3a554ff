import { lazy } from 'react';
import type { FeatureRoute } from '../../lib/feature-route';
import './resources.css';

const DueScreen = lazy(() => import('./components/due-screen'));
const ImportScreen = lazy(() => import('./components/import-screen'));
const OrganizationEditScreen = lazy(() =>
  import('./components/edit-screens').then((m) => ({ default: m.OrganizationEditScreen })),
);
const LocationEditScreen = lazy(() =>
  import('./components/edit-screens').then((m) => ({ default: m.LocationEditScreen })),
);
const ServiceEditScreen = lazy(() =>
  import('./components/edit-screens').then((m) => ({ default: m.ServiceEditScreen })),
);

const editors = ['editor', 'admin'] as const;

/** Screens of this feature, mounted by the shell (see features/README.md). */
export const featureRoutes: FeatureRoute[] = [
  {
    path: 'resources',
    element: <DueScreen />,
    roles: editors,
    nav: { labelKey: 'resources:nav.due', order: 30, icon: 'clipboard' },
  },
  {
    path: 'resources/import',
    element: <ImportScreen />,
    roles: editors,
    nav: { labelKey: 'resources:nav.import', order: 31, icon: 'inbox' },
  },
  { path: 'resources/organizations/:id', element: <OrganizationEditScreen />, roles: editors },
  { path: 'resources/locations/:id', element: <LocationEditScreen />, roles: editors },
  { path: 'resources/services/:id', element: <ServiceEditScreen />, roles: editors },
];
