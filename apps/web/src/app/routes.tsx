import type { FeatureOverlay, FeatureRoute } from '../lib/feature-route';
import { featureRoutes as account } from '../features/account/routes';
import { featureRoutes as audit } from '../features/audit/routes';
import { featureOverlays as contactOverlays, featureRoutes as contacts } from '../features/contacts/routes';
import { featureRoutes as directory } from '../features/directory/routes';
import { featureRoutes as resources } from '../features/resources/routes';
import { featureRoutes as staff } from '../features/staff/routes';

/** Every feature's screens. A new feature adds one import and one spread here. */
export const allFeatureRoutes: FeatureRoute[] = [
  ...contacts,
  ...directory,
  ...resources,
  ...staff,
  ...audit,
  ...account,
];

/** Pieces features keep on every screen for some roles. */
export const allFeatureOverlays: FeatureOverlay[] = [...contactOverlays];
