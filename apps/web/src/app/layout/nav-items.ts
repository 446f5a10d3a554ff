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

/**
 * The entry to mark current: the one whose address is the longest prefix of the page's, so a screen under
 * another entry's address (/resources/import under /resources) marks only its own entry, while a page without
 * an entry of its own (/contacts/:id) marks the entry it belongs to.
 */
export function currentNavItem(items: readonly NavItem[], pathname: string): NavItem | undefined {
  let best: NavItem | undefined;
  for (const item of items) {
    const under = pathname === item.to || pathname.startsWith(`${item.to}/`);
    if (under && (!best || item.to.length > best.to.length)) best = item;
  }
  return best;
}
