import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { PageHeader } from '../../components/feedback';

export function NotAllowedScreen() {
  const { t } = useTranslation('common');
  return (
    <section className="page narrow">
      <PageHeader title={t('notAllowed.title')} />
      <p>{t('notAllowed.body')}</p>
      <p>
        <Link to="/" className="button button-secondary">
          {t('notAllowed.home')}
        </Link>
      </p>
    </section>
  );
}
