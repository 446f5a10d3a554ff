import { Channel } from '@relais/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { PageHeader } from '../../../components/feedback';
import { QueryState } from '../../../components/query-state';
import { isApiError } from '../../../lib/api';
import { contactQueryKey } from '../api/contact';
import { createContact } from '../api/create-contact';
import { useLines } from '../api/lines';
import { newId } from '../model/draft';
import { useLocalize } from '../../../lib/localize';

/** Channel and line, then Start: the contact exists on the server from its first second. */
export default function StartContactScreen() {
  const { t } = useTranslation('contacts');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const lines = useLines();
  const [channel, setChannel] = useState<Channel>('phone');
  const [lineId, setLineId] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // One key and one start time per start: a retry after a lost answer returns the same contact.
  const attempt = useRef<{ key: string; startedAt: string } | null>(null);
  const { pick } = useLocalize();

  const activeLines = (lines.data ?? []).filter((l) => l.active);
  const selectedLine =
    lineId ?? activeLines.find((l) => l.id === 'general')?.id ?? activeLines[0]?.id ?? null;

  const start = async (event: FormEvent) => {
    event.preventDefault();
    if (!selectedLine || pending) return;
    attempt.current ??= { key: newId(), startedAt: new Date().toISOString() };
    setPending(true);
    setError(null);
    try {
      const contact = await createContact(
        { channel, lineId: selectedLine, startedAt: attempt.current.startedAt },
        attempt.current.key,
      );
      attempt.current = null;
      queryClient.setQueryData(contactQueryKey(contact.id), contact);
      navigate(`/contacts/${contact.id}`);
    } catch (err) {
      if (isApiError(err) && (err.code === 'network' || err.status >= 500)) setError(t('start.offline'));
      else {
        // A refused request will not pass on retry: the next press is a new start.
        attempt.current = null;
        setError(t('start.failed', { message: isApiError(err) ? err.message : String(err) }));
      }
    } finally {
      setPending(false);
    }
  };

  return (
    <div className="ct-page ct-start">
      <PageHeader title={t('start.title')}>
        <p className="ct-hint">{t('start.intro')}</p>
      </PageHeader>
      <form className="ct-card ct-stack" onSubmit={(e) => void start(e)}>
        <fieldset className="ct-choices">
          <legend>{t('channel.label')}</legend>
          <div className="ct-pills">
            {Channel.options.map((value) => (
              <label key={value} className={`ct-pill${channel === value ? ' ct-pill-on' : ''}`}>
                <input
                  type="radio"
                  name="channel"
                  value={value}
                  checked={channel === value}
                  onChange={() => setChannel(value)}
                />
                {t(`channel.${value}`)}
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset className="ct-choices">
          <legend>{t('line.label')}</legend>
          <QueryState
            query={lines}
            isEmpty={() => activeLines.length === 0}
            empty={<p>{t('start.noLines')}</p>}
          >
            {() => (
              <div className="ct-lines">
                {activeLines.map((line) => (
                  <label key={line.id} className="ct-line-option">
                    <input
                      type="radio"
                      name="line"
                      value={line.id}
                      checked={selectedLine === line.id}
                      onChange={() => setLineId(line.id)}
                    />
                    <strong>{pick(line, 'name')}</strong>
                    {line.fields.length > 0 ? (
                      <span className="ct-hint">{line.fields.map((f) => pick(f, 'label')).join(' · ')}</span>
                    ) : null}
                  </label>
                ))}
              </div>
            )}
          </QueryState>
        </fieldset>
        {error ? (
          <p className="ct-missing" role="alert">
            {error}
          </p>
        ) : null}
        <div className="ct-row">
          <button type="submit" className="button button-primary" disabled={pending || !selectedLine}>
            {pending ? t('start.starting') : t('start.submit')}
          </button>
        </div>
      </form>
    </div>
  );
}
