import { lazy } from 'react';
import type { FeatureOverlay, FeatureRoute } from '../../lib/feature-route';
import './contacts.css';

const ContactsListScreen = lazy(() => import('./components/contacts-list-screen'));
const StartContactScreen = lazy(() => import('./components/start-contact-screen'));
const ContactScreen = lazy(() => import('./components/contact-screen'));
const CrisisAlerts = lazy(() => import('./components/crisis-alerts'));

/** Screens of this feature, mounted by the shell (see features/README.md). */
export const featureRoutes: FeatureRoute[] = [
  {
    path: 'contacts/new',
    element: <StartContactScreen />,
    roles: ['specialist', 'supervisor'],
    nav: { labelKey: 'contacts:nav.new', order: 10, icon: 'phone' },
  },
  {
    path: 'contacts',
    element: <ContactsListScreen />,
    roles: ['specialist', 'supervisor'],
    nav: { labelKey: 'contacts:nav.list', order: 11, icon: 'list' },
  },
  {
    path: 'contacts/:contactId',
    element: <ContactScreen />,
    roles: ['specialist', 'supervisor', 'followup'],
  },
];

/** Supervisors see crisis alerts on every screen of the console, the moment a specialist saves one. */
export const featureOverlays: FeatureOverlay[] = [
  { id: 'crisis-alerts', roles: ['supervisor'], element: <CrisisAlerts /> },
];
