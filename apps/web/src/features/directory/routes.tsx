import { lazy } from 'react';
import type { FeatureRoute } from '../../lib/feature-route';

const DirectorySearchScreen = lazy(() => import('./components/directory-search-screen'));
const ServiceDetailScreen = lazy(() => import('./components/service-detail-screen'));

const readers = ['specialist', 'supervisor', 'editor', 'followup'] as const;

/** Screens of this feature, mounted by the shell (see features/README.md). */
export const featureRoutes: FeatureRoute[] = [
  {
    path: 'directory',
    element: <DirectorySearchScreen />,
    roles: readers,
    nav: { labelKey: 'directory:nav.directory', order: 20, icon: 'search' },
  },
  { path: 'directory/services/:serviceId', element: <ServiceDetailScreen />, roles: readers },
];
