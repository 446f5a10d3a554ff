import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { Icon } from '../../components/icon';
import { PageHeader } from '../../components/feedback';
import type { FeatureRoute } from '../../lib/feature-route';
import { useCurrentStaff } from '../../lib/session';
import { navItemsFor } from '../layout/nav-items';

/** The first screen after signing in: what each of your roles is for, and the screens you can open. */
export function HomeScreen({ features }: { features: readonly FeatureRoute[] }) {
  const { t } = useTranslation('common');
  const me = useCurrentStaff();
  const items = navItemsFor(features, me.staff.roles);
  const firstName = me.staff.name.split(' ')[0] ?? me.staff.name;

  return (
    <section className="page">
      <PageHeader title={t('home.greeting', { name: firstName })}>
        <p className="muted">
          {t('home.yourRoles', { roles: me.staff.roles.map((r) => t(`roles.${r}`)).join(', ') })}
        </p>
      </PageHeader>
      <ul className="role-intros">
        {me.staff.roles.map((role) => (
          <li key={role} className="card">
            <h2>{t(`roles.${role}`)}</h2>
            <p>{t(`home.intro.${role}`)}</p>
          </li>
        ))}
      </ul>
      <h2>{t('home.shortcuts')}</h2>
      {items.length === 0 ? (
        <p className="muted">{t('home.noShortcuts')}</p>
      ) : (
        <ul className="shortcuts">
          {items.map((item) => (
            <li key={item.to}>
              <Link to={item.to} className="shortcut">
                {item.icon ? <Icon name={item.icon} size={24} /> : null}
                <span>{t(item.labelKey)}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
