import { Fragment, Suspense, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, useLocation } from 'react-router-dom';
import { Icon } from '../../components/icon';
import { LanguageSwitch } from '../../components/language-switch';
import { useLogout } from '../../features/auth/api/logout';
import { IdleWarning } from '../../features/auth/components/idle-warning';
import type { FeatureOverlay, FeatureRoute } from '../../lib/feature-route';
import { hasAnyRole, useCurrentStaff } from '../../lib/session';
import { currentNavItem, navItemsFor } from './nav-items';

/** After client-side navigation, move focus to the new page's title so screen readers announce it. */
function useFocusOnNavigate() {
  const { pathname } = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const title = document.querySelector<HTMLElement>('[data-page-title]');
    (title ?? document.getElementById('main'))?.focus();
  }, [pathname]);
}

export function Layout({
  features,
  overlays = [],
}: {
  features: readonly FeatureRoute[];
  overlays?: readonly FeatureOverlay[];
}) {
  const { t } = useTranslation('common');
  const me = useCurrentStaff();
  const logout = useLogout();
  const items = navItemsFor(features, me.staff.roles);
  const current = currentNavItem(items, useLocation().pathname);
  useFocusOnNavigate();

  return (
    <div className="shell">
      <a href="#main" className="skip-link">
        {t('skipToContent')}
      </a>
      <header className="topbar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            R
          </span>
          <span className="brand-name">{t('app.name')}</span>
        </div>
        <div className="topbar-end">
          <span className="signed-in">
            {t('header.signedInAs', { name: me.staff.name })}
            <span className="role-badges">
              {me.staff.roles.map((role) => (
                <span key={role} className="badge">
                  {t(`roles.${role}`)}
                </span>
              ))}
            </span>
          </span>
          <LanguageSwitch />
          <button
            type="button"
            className="button button-quiet"
            onClick={() => logout.mutate()}
            disabled={logout.isPending}
          >
            {logout.isPending ? t('header.signingOut') : t('header.signOut')}
          </button>
        </div>
      </header>
      <nav className="sidenav" aria-label={t('nav.label')}>
        <ul>
          <li>
            <NavLink to="/" end title={t('nav.home')}>
              <Icon name="home" />
              <span>{t('nav.home')}</span>
            </NavLink>
          </li>
          {items.map((item) => (
            <li key={item.to}>
              <Link
                to={item.to}
                title={t(item.labelKey)}
                className={item === current ? 'active' : undefined}
                aria-current={item === current ? 'page' : undefined}
              >
                {item.icon ? <Icon name={item.icon} /> : <span className="icon-placeholder" />}
                <span>{t(item.labelKey)}</span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <main className="content" id="main" tabIndex={-1}>
        <Outlet />
      </main>
      <IdleWarning me={me} />
      <Suspense fallback={null}>
        {overlays
          .filter((o) => hasAnyRole(me.staff.roles, o.roles))
          .map((o) => (
            <Fragment key={o.id}>{o.element}</Fragment>
          ))}
      </Suspense>
    </div>
  );
}
