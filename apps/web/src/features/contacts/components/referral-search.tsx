import { ReferralKind } from '@relais/contracts';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ResourceSearch,
  type SelectedLocation,
  type SelectedService,
} from '../../../components/resource-search/resource-search';
import { newId, type DraftReferral } from '../model/draft';
import { useLocalize } from '../../../lib/localize';

interface ReferralSearchProps {
  needLabel: string;
  termId: string;
  /** The caller's municipality or FSA, to search near them. */
  place: string;
  kind: ReferralKind;
  onKindChange: (kind: ReferralKind) => void;
  referred: DraftReferral[];
  /** Service-at-location ids chosen on this screen, shown as added in the results. */
  chosenIds: readonly string[];
  onRefer: (referral: DraftReferral, serviceAtLocationId: string | null) => void;
  onClose: () => void;
}

/** The directory search, inside the contact: a chosen service becomes a referral for the active need. */
export function ReferralSearch(props: ReferralSearchProps) {
  const { needLabel, termId, place, kind, onKindChange, referred, chosenIds, onRefer, onClose } = props;
  const { t } = useTranslation('contacts');
  const kindId = useId();
  const { pick } = useLocalize();

  const refer = (service: SelectedService, location: SelectedLocation | null) => {
    const locationName = location ? pick(location, 'name') : '';
    onRefer(
      {
        id: newId(),
        serviceId: service.id,
        locationId: location?.id ?? null,
        kind,
        serviceName: pick(service, 'name') || pick(service, 'organizationName'),
        servicePhone: service.phone,
        locationName: locationName || null,
        note: null,
      },
      location?.serviceAtLocationId ?? null,
    );
  };

  return (
    <div className="ct-stack">
      <div className="ct-row">
        <h2>{t('needs.searchingFor', { need: needLabel })}</h2>
        <span className="ct-spacer" />
        <button type="button" className="button button-quiet ct-btn-small" onClick={onClose}>
          {t('needs.closeSearch')}
        </button>
      </div>
      <div className="ct-row">
        <label htmlFor={kindId} className="ct-filter-label">
          {t('referral.addAs')}
        </label>
        <select id={kindId} value={kind} onChange={(e) => onKindChange(ReferralKind.parse(e.target.value))}>
          {ReferralKind.options.map((k) => (
            <option key={k} value={k}>
              {t(`referral.kinds.${k}`)}
            </option>
          ))}
        </select>
        <span className="ct-hint">{t('referral.count', { count: referred.length })}</span>
      </div>
      <ResourceSearch
        onSelect={refer}
        selectLabel={t('referral.refer')}
        initialTaxonomy={termId}
        initialPlace={place}
        selectedIds={chosenIds}
      />
    </div>
  );
}
