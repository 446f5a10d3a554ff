import type { Role } from '@relais/contracts';
import type { ReactNode } from 'react';

/**
 * One screen a feature adds to the console. Each features/<domain>/routes.tsx exports
 * `featureRoutes: FeatureRoute[]`; the shell mounts them under the signed-in layout, guards them by role
 * and lists the ones with `nav` in the side navigation of the people who can reach them.
 */
export interface FeatureRoute {
  /** Relative to the console root, e.g. 'contacts' or 'contacts/:contactId'. End with '/*' for nested <Routes>. */
  path: string;
  /** The screen; wrap a React.lazy component freely, the shell provides the Suspense boundary. */
  element: ReactNode;
  /** Who may open it: anyone holding at least one of these roles. */
  roles: readonly Role[];
  nav?: {
    /** i18n key with its namespace, e.g. 'contacts:nav.contacts'. */
    labelKey: string;
    /** Position in the side navigation, lowest first. */
    order: number;
    /** Name of an icon from components/icon.tsx. */
    icon?: IconName;
    /** Link target when `path` has parameters or a splat; defaults to `path`. */
    to?: string;
  };
}

/** Something a feature keeps on screen everywhere in the console for some roles (e.g. crisis alerts). */
export interface FeatureOverlay {
  id: string;
  roles: readonly Role[];
  element: ReactNode;
}

export const ICON_NAMES = [
  'home',
  'phone',
  'inbox',
  'users',
  'book',
  'map',
  'search',
  'clipboard',
  'chart',
  'shield',
  'key',
  'settings',
  'bell',
  'list',
] as const;
export type IconName = (typeof ICON_NAMES)[number];
