import type { TaxonomyTerm } from '@relais/contracts';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { emptyNeed, type DraftNeed } from '../model/draft';
import { missingAt } from '../model/missing';
import { termName } from '../model/taxonomy';
import { FieldError } from './field-error';
import { NeedCard } from './need-card';
import { useWorkspace } from './workspace-context';

interface NeedsPanelProps {
  /** The need the directory search is open for. */
  activeNeedId: string | null;
  onFindServices: (needId: string | null) => void;
}

/** Needs, each coded to the taxonomy and met by referrals or recorded as unmet with a reason. */
export function NeedsPanel({ activeNeedId, onFindServices }: NeedsPanelProps) {
  const { t } = useTranslation('contacts');
  const { draft, update, refused } = useWorkspace();
  const noNeedId = useId();
  const needsMissing = missingAt(refused, 'needs').some((m) => m.path.replace(/^body\./, '') === 'needs');

  const setNeeds = (change: (needs: DraftNeed[]) => DraftNeed[]) =>
    update((d) => ({ ...d, needs: change(d.needs) }));

  return (
    <section className="ct-card ct-stack" aria-labelledby="ct-needs-title">
      <div className="ct-row">
        <h2 id="ct-needs-title">{t('needs.title')}</h2>
      </div>
      {draft.needs.length === 0 ? <p className="ct-hint">{t('needs.empty')}</p> : null}
      {draft.needs.map((need, index) => (
        <NeedCard
          key={need.id}
          need={need}
          index={index}
          active={need.id === activeNeedId}
          onChange={(next) => setNeeds((needs) => needs.map((n) => (n.id === need.id ? next : n)))}
          onRemove={() => {
            setNeeds((needs) => needs.filter((n) => n.id !== need.id));
            if (need.id === activeNeedId) onFindServices(null);
          }}
          onFindServices={() => onFindServices(need.id === activeNeedId ? null : need.id)}
        />
      ))}
      <AddNeed
        onAdd={(termId) => {
          const need = emptyNeed(termId);
          update((d) => ({ ...d, noNeed: false, needs: [...d.needs, need] }));
          onFindServices(need.id);
        }}
      />
      <FieldError>{needsMissing ? t('fields.needMissing') : null}</FieldError>
      {draft.needs.length === 0 ? (
        <label htmlFor={noNeedId} className="ct-row">
          <input
            id={noNeedId}
            type="checkbox"
            checked={draft.noNeed}
            onChange={(e) => update((d) => ({ ...d, noNeed: e.target.checked }))}
          />
          {t('needs.noNeed')}
        </label>
      ) : null}
    </section>
  );
}

/** Category → subcategory picker from the directory's taxonomy. */
function AddNeed({ onAdd }: { onAdd: (termId: string) => void }) {
  const { t } = useTranslation('contacts');
  const { taxonomy } = useWorkspace();
  const [category, setCategory] = useState('');
  const [sub, setSub] = useState('');
  const categoryId = useId();
  const subId = useId();
  const subcategories = category && taxonomy ? taxonomy.childrenOf(category) : [];

  if (!taxonomy) return <p className="ct-hint">{t('loading')}</p>;

  return (
    <div className="ct-add-need">
      <div className="ct-field">
        <label htmlFor={categoryId}>{t('needs.category')}</label>
        <select
          id={categoryId}
          value={category}
          onChange={(e) => {
            setCategory(e.target.value);
            setSub('');
          }}
        >
          <option value="">{t('needs.chooseCategory')}</option>
          <TermOptions terms={taxonomy.categories} />
        </select>
      </div>
      <div className="ct-field">
        <label htmlFor={subId}>{t('needs.subcategory')}</label>
        <select
          id={subId}
          value={sub}
          disabled={subcategories.length === 0}
          onChange={(e) => setSub(e.target.value)}
        >
          <option value="">{t('needs.anySubcategory')}</option>
          <TermOptions terms={subcategories} />
        </select>
      </div>
      <button
        type="button"
        className="button button-primary"
        disabled={!category}
        onClick={() => {
          onAdd(sub || category);
          setCategory('');
          setSub('');
        }}
      >
        {t('needs.addNeed')}
      </button>
    </div>
  );
}

/** A select's options for taxonomy terms, named in the reader's language. */
function TermOptions({ terms }: { terms: TaxonomyTerm[] }) {
  const { i18n } = useTranslation();
  return terms.map((term) => (
    <option key={term.id} value={term.id}>
      {termName(term, i18n.language)}
    </option>
  ));
}
