import { lazy } from 'react';
import type { FeatureRoute } from '../../lib/feature-route';
import './staff.css';

const StaffScreen = lazy(() => import('./components/staff-screen'));
const ApiKeysScreen = lazy(() => import('./components/api-keys-screen'));

/** Screens of this feature, mounted by the shell (see features/README.md). */
export const featureRoutes: FeatureRoute[] = [
  {
    path: 'staff',
    element: <StaffScreen />,
    roles: ['admin'],
    nav: { labelKey: 'staff:nav.staff', order: 80, icon: 'users' },
  },
  {
    path: 'staff/api-keys',
    element: <ApiKeysScreen />,
    roles: ['admin'],
    nav: { labelKey: 'staff:nav.apiKeys', order: 81, icon: 'key' },
  },
];
