import { lazy } from 'react';
import type { FeatureRoute } from '../../lib/feature-route';
import './audit.css';

const AuditScreen = lazy(() => import('./components/audit-screen'));

/** Screens of this feature, mounted by the shell (see features/README.md). */
export const featureRoutes: FeatureRoute[] = [
  {
    path: 'audit',
    element: <AuditScreen />,
    roles: ['supervisor', 'admin'],
    nav: { labelKey: 'audit:nav.audit', order: 90, icon: 'shield' },
  },
];
