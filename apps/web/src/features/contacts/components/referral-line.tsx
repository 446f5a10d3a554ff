import type { Referral } from '@relais/contracts';
import { useTranslation } from 'react-i18next';
import { useLocalize } from '../../../lib/localize';

/**
 * One referral of a contact's record, as it was referred: the snapshot taken at referral time (service, site and
 * organization in the reader's language, phone), so it reads the same after the directory record is renamed,
 * made inactive or removed, and says so when it is no longer current.
 */
export function ReferralLine({ referral: r }: { referral: Referral }) {
  const { t } = useTranslation('contacts');
  const { pick } = useLocalize();
  const service = pick(r, 'serviceName') || r.serviceName;
  const site = pick(r, 'locationName') || r.locationName;
  const organization = pick(r, 'organizationName');
  return (
    <li className="ct-referral" data-testid="referral">
      <span className="ct-referral-name">{service}</span>
      {organization ? <span className="ct-hint">{organization}</span> : null}
      {site ? <span className="ct-hint">{site}</span> : null}
      {r.servicePhone ? <span className="ct-hint">{r.servicePhone}</span> : null}
      <span className="ct-tag">{t(`referral.kinds.${r.kind}`)}</span>
      {r.directory !== 'current' ? (
        <span className="ct-tag ct-tag-warn" title={t('referral.snapshotHint')}>
          {t(`referral.directory.${r.directory}`)}
        </span>
      ) : null}
    </li>
  );
}
