import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { languageName, languageOptions, searchLanguages } from '../model/languages';
import { FieldError } from './field-error';

interface LanguagePickerProps {
  value: string | null | undefined;
  onChange: (code: string) => void;
  /** The code stored for "Undisclosed". */
  undisclosedValue: string;
  error?: string | undefined;
  onBlur?: () => void;
}

/**
 * Preferred language: a searchable list of every ISO 639 language, named in English and French by the
 * browser (Intl.DisplayNames), plus "Undisclosed" as an answer of its own.
 */
export function LanguagePicker({ value, onChange, undisclosedValue, error, onBlur }: LanguagePickerProps) {
  const { t, i18n } = useTranslation('contacts');
  const locale = i18n.language;
  const options = useMemo(() => languageOptions(locale), [locale]);
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const listId = useId();
  const inputId = useId();
  const errorId = useId();
  const matches = useMemo(() => searchLanguages(options, query), [options, query]);

  const choose = (code: string) => {
    onChange(code);
    setQuery('');
    setOpen(false);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setOpen(true);
      setActive((i) => Math.min(i + 1, matches.length - 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((i) => Math.max(i - 1, 0));
    } else if (event.key === 'Enter') {
      const match = matches[active];
      if (open && match) {
        event.preventDefault();
        choose(match.code);
      }
    } else if (event.key === 'Escape') {
      setOpen(false);
    }
  };

  const current =
    value === undisclosedValue
      ? t('undisclosed')
      : value
        ? languageName(value, locale)
        : t('caller.language.none');

  return (
    <div className={`ct-field ct-language${error ? ' ct-has-error' : ''}`}>
      <label htmlFor={inputId}>{t('caller.language.label')}</label>
      <div className="ct-language-row">
        <span className={`ct-language-current${value ? '' : ' ct-muted'}`} data-testid="language-current">
          {current}
        </span>
        <button
          type="button"
          className={`ct-pill ct-pill-undisclosed${value === undisclosedValue ? ' ct-pill-on' : ''}`}
          aria-pressed={value === undisclosedValue}
          onClick={() => choose(undisclosedValue)}
        >
          {t('undisclosed')}
        </button>
      </div>
      <div className="ct-combobox">
        <input
          id={inputId}
          role="combobox"
          aria-expanded={open}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-describedby={error ? errorId : undefined}
          autoComplete="off"
          placeholder={t('caller.language.search')}
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
            setOpen(true);
          }}
          onFocus={() => setOpen(true)}
          onBlur={() => {
            // Let a click on an option land before the list closes.
            setTimeout(() => setOpen(false), 150);
            onBlur?.();
          }}
          onKeyDown={onKeyDown}
        />
        {open && matches.length > 0 ? (
          <ul className="ct-listbox" role="listbox" id={listId} aria-label={t('caller.language.label')}>
            {matches.map((option, index) => (
              <li
                key={option.code}
                role="option"
                aria-selected={index === active}
                className={index === active ? 'ct-option-active' : undefined}
                onMouseDown={(e) => {
                  e.preventDefault();
                  choose(option.code);
                }}
              >
                <span>{option.name}</span>
                <span className="ct-muted">
                  {option.otherName !== option.name ? `${option.otherName} · ` : ''}
                  {option.code}
                </span>
              </li>
            ))}
          </ul>
        ) : null}
        {open && query.trim() && matches.length === 0 ? (
          <p className="ct-muted" role="status">
            {t('caller.language.noMatch')}
          </p>
        ) : null}
      </div>
      <FieldError id={errorId}>{error}</FieldError>
    </div>
  );
}
