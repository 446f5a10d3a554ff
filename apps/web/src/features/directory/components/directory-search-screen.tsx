import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { PageHeader } from '../../../components/feedback';
import { ResourceSearch } from '../../../components/resource-search/resource-search';

/** The specialist's directory search: the shared panel, full screen; choosing a result opens its detail. */
export default function DirectorySearchScreen() {
  const { t } = useTranslation('directory');
  const navigate = useNavigate();
  return (
    <div className="dir-screen">
      <PageHeader title={t('search.title')}>
        <p className="muted">{t('search.intro')}</p>
      </PageHeader>
      <ResourceSearch
        selectLabel={t('search.open')}
        onSelect={(service, location) =>
          void navigate(`/directory/services/${service.id}${location ? `?site=${location.id}` : ''}`)
        }
      />
    </div>
  );
}
