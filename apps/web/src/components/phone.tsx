import type { Phone } from '@relais/contracts';
import { useTranslation } from 'react-i18next';
import { useLocalize } from '../lib/localize';
import './phone.css';

/** A number that dials when clicked (digits and + only in the link). */
export function PhoneLink({ number }: { number: string }) {
  return <a href={`tel:${number.replace(/[^\d+]/g, '')}`}>{number}</a>;
}

/** A record's phones: number, extension, kind (when not voice) and note in the reader's language. */
export function PhoneList({ phones }: { phones: Phone[] }) {
  const { t } = useTranslation('directory');
  const { pick } = useLocalize();
  if (phones.length === 0) return null;
  return (
    <ul className="phone-list">
      {phones.map((p) => (
        <li key={p.id}>
          <PhoneLink number={p.number} />
          {p.extension ? ` ${t('detail.extension', { ext: p.extension })}` : ''}
          {p.type !== 'voice' ? ` (${t(`phoneTypes.${p.type}`)})` : ''}
          {pick(p, 'description') ? <span className="muted"> — {pick(p, 'description')}</span> : null}
        </li>
      ))}
    </ul>
  );
}
