import { useTranslation } from 'react-i18next';
import { changeLanguage, LANGUAGES } from '../i18n';

/** EN | FR toggle; the choice is remembered on this browser. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation('common');
  return (
    <div className="language-switch" role="group" aria-label={t('language.label')}>
      {LANGUAGES.map((language) => {
        const active = i18n.language === language;
        return (
          <button
            key={language}
            type="button"
            lang={language}
            aria-pressed={active}
            className={active ? 'active' : undefined}
            title={t(`language.${language}`)}
            onClick={() => void changeLanguage(language)}
          >
            <span aria-hidden="true">{language.toUpperCase()}</span>
            <span className="visually-hidden">{t(`language.${language}`)}</span>
          </button>
        );
      })}
    </div>
  );
}
