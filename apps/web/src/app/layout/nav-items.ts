import type { Role } from '@relais/contracts';
import type { FeatureRoute, IconName } from '../../lib/feature-route';
import { hasAnyRole } from '../../lib/session';

export interface NavItem {
  to: string;
  labelKey: string;
  icon?: IconName;
  order: number;
}

/** The navigation entries these roles can reach, in their declared order. */
export function navItemsFor(features: readonly FeatureRoute[], roles: readonly Role[]): NavItem[] {
  return features
    .filter((f) => f.nav && hasAnyRole(roles, f.roles))
    .flatMap((f) =>
      f.nav
        ? [
            {
              to: `/${(f.nav.to ?? f.path).replace(/^\/+/, '').replace(/\/\*$/, '')}`,
              labelKey: f.nav.labelKey,
              icon: f.nav.icon,
              order: f.nav.order,
            },
          ]
        : [],
    )
    .sort((a, b) => a.order - b.order);
}
