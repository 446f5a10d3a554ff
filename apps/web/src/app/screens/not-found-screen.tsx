import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { PageHeader } from '../../components/feedback';

export function NotFoundScreen() {
  const { t } = useTranslation('common');
  return (
    <section className="page narrow">
      <PageHeader title={t('notFound.title')} />
      <p>{t('notFound.body')}</p>
      <p>
        <Link to="/" className="button button-secondary">
          {t('notFound.home')}
        </Link>
      </p>
    </section>
  );
}
