import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../components/feedback';
import { PasswordForm } from './password-form';
import { SessionsPanel } from './sessions-panel';
import { TotpPanel } from './totp-panel';

/** My account: my password, two-step verification and where I am signed in. */
export default function AccountScreen() {
  const { t } = useTranslation('account');
  return (
    <div className="page">
      <PageHeader title={t('title')} />
      <div className="ac-sections">
        <section className="card" aria-labelledby="ac-password">
          <h2 id="ac-password">{t('password.title')}</h2>
          <PasswordForm />
        </section>
        <section className="card" aria-labelledby="ac-totp">
          <h2 id="ac-totp">{t('totp.title')}</h2>
          <TotpPanel />
        </section>
        <section className="card" aria-labelledby="ac-sessions">
          <h2 id="ac-sessions">{t('sessions.title')}</h2>
          <SessionsPanel />
        </section>
      </div>
    </div>
  );
}
