import { useTranslation } from 'react-i18next';
import { useRouteError } from 'react-router-dom';

/** Shown when a screen throws while rendering; the error goes to the browser console for support. */
export function CrashScreen() {
  const { t } = useTranslation('common');
  const error = useRouteError();
  console.error(error);
  return (
    <main className="center-page" id="main">
      <div className="card narrow">
        <h1>{t('crash.title')}</h1>
        <p>{t('crash.body')}</p>
        <button type="button" className="button button-primary" onClick={() => window.location.reload()}>
          {t('crash.reload')}
        </button>
      </div>
    </main>
  );
}
