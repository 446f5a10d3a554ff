import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { Alert, ErrorAlert, Loading } from '../../../components/feedback';
import { isApiError } from '../../../lib/api';
import { useCurrentStaff } from '../../../lib/session';
import { useContact } from '../api/contact';
import { ContactRecord } from './contact-record';
import { Workspace } from './workspace';

/** An open contact of one's own is the workspace; anything else (closed, someone else's) is its record. */
export default function ContactScreen() {
  const { t } = useTranslation('contacts');
  const { contactId = '' } = useParams();
  const me = useCurrentStaff();
  const query = useContact(contactId);

  let body;
  if (query.isPending) body = <Loading />;
  else if (query.isError) {
    const status = isApiError(query.error) ? query.error.status : 0;
    body =
      status === 404 || status === 403 || status === 400 ? (
        <Alert tone="error" title={t('workspace.notFound')}>
          <Link to="/contacts/new">{t('workspace.newContact')}</Link>
        </Alert>
      ) : (
        <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />
      );
  } else {
    const contact = query.data;
    const mine = contact.specialist?.id === me.staff.id;
    body =
      contact.status === 'draft' && mine ? (
        <Workspace key={contact.id} initial={contact} />
      ) : (
        <ContactRecord contact={contact} />
      );
  }
  return <>{body}</>;
}
