import { ROLES } from '@relais/contracts';
import { lazy } from 'react';
import type { FeatureRoute } from '../../lib/feature-route';
import './account.css';

const AccountScreen = lazy(() => import('./components/account-screen'));

/** Screens of this feature, mounted by the shell (see features/README.md). Everyone has an account. */
export const featureRoutes: FeatureRoute[] = [
  {
    path: 'account',
    element: <AccountScreen />,
    roles: ROLES,
    nav: { labelKey: 'account:nav.account', order: 95, icon: 'settings' },
  },
];
