import { CrisisFlag } from '@relais/contracts';
import { useTranslation } from 'react-i18next';
import { useWorkspace } from './workspace-context';

/** Crisis flags: unmistakable when set; supervisors are alerted by the API as soon as it is saved. */
export function CrisisPanel() {
  const { t } = useTranslation('contacts');
  const { draft, update, flush } = useWorkspace();
  const crisis = draft.crisisFlags.length > 0;

  const toggle = (flag: CrisisFlag, on: boolean) => {
    update((d) => ({
      ...d,
      crisisFlags: on
        ? [...d.crisisFlags.filter((f) => f !== flag), flag]
        : d.crisisFlags.filter((f) => f !== flag),
    }));
    // A crisis must reach supervisors now, not after the typing pause.
    setTimeout(() => void flush(), 0);
  };

  return (
    <section
      className={`ct-card ct-stack ${crisis ? 'ct-crisis' : 'ct-crisis-off'}`}
      aria-labelledby="ct-crisis-title"
    >
      <div className="ct-row">
        <h2 id="ct-crisis-title">{t('crisis.title')}</h2>
        {crisis ? <span className="ct-crisis-badge">{t('crisis.badge')}</span> : null}
      </div>
      <p className="ct-hint">{t('crisis.hint')}</p>
      <div className="ct-checks">
        {CrisisFlag.options.map((flag) => (
          <label key={flag}>
            <input
              type="checkbox"
              checked={draft.crisisFlags.includes(flag)}
              onChange={(e) => toggle(flag, e.target.checked)}
            />
            {t(`crisis.flags.${flag}`)}
          </label>
        ))}
      </div>
    </section>
  );
}
