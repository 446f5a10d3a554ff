import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable, type Column } from '../../../components/data-table';
import { Modal } from '../../../components/modal';
import { languageName } from '../model/languages';
import { diffPaths, valueAt } from '../model/diff';
import type { ContactDraft } from '../model/draft';
import { fieldLabel } from '../model/missing';
import type { Conflict } from '../hooks/use-autosave';

/** Coded fields whose values have their own translations. */
const ENUM_KEYS: Record<string, string> = {
  ageGroup: 'caller.ageGroup',
  gender: 'caller.gender',
  relation: 'caller.relation',
  disposition: 'disposition',
  channel: 'channel',
  unmetReason: 'unmetReason',
  kind: 'referral.kinds',
};

interface Row {
  key: string;
  label: string;
  mine: string;
  theirs: string;
}

/** What changed between the specialist's copy and the server's, field by field, and the two ways out. */
export function ConflictDialog({
  conflict,
  onKeepMine,
  onTakeTheirs,
}: {
  conflict: Conflict<ContactDraft>;
  onKeepMine: () => void;
  onTakeTheirs: () => void;
}) {
  const { t, i18n } = useTranslation('contacts');
  const first = useRef<HTMLButtonElement>(null);

  const display = (value: unknown, path: string): string => {
    if (value === undefined || value === null || value === '') return t('conflict.empty');
    const last = path.split('.').at(-1) ?? '';
    if (typeof value === 'string') {
      if (last === 'language') return value === 'und' ? t('undisclosed') : languageName(value, i18n.language);
      if (value === 'undisclosed') return t('undisclosed');
      const prefix = ENUM_KEYS[last];
      return prefix ? t(`${prefix}.${value}`, { defaultValue: value }) : value;
    }
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    return t('conflict.changed');
  };

  const rows = new Map<string, Row>();
  for (const path of diffPaths(conflict.mine, conflict.theirs.value)) {
    // Needs are compared as a whole per need ("Need 2 — referrals"), other fields one by one.
    const parts = path.split('.');
    const key =
      parts[0] === 'needs'
        ? parts.slice(0, 3).join('.')
        : parts[0] === 'caller'
          ? parts.slice(0, 2).join('.')
          : (parts[0] ?? path);
    if (rows.has(key)) continue;
    const simple = key === path;
    rows.set(key, {
      key,
      label: fieldLabel(t, key),
      mine: simple ? display(valueAt(conflict.mine, path), path) : t('conflict.changed'),
      theirs: simple ? display(valueAt(conflict.theirs.value, path), path) : t('conflict.changed'),
    });
  }

  const columns: Column<Row>[] = [
    { key: 'field', header: t('conflict.field'), rowHeader: true, cell: (row) => row.label },
    { key: 'mine', header: t('conflict.mine'), cell: (row) => row.mine },
    { key: 'theirs', header: t('conflict.theirs'), cell: (row) => row.theirs },
  ];

  return (
    <Modal
      title={t('conflict.title')}
      description={<p>{t('conflict.intro')}</p>}
      initialFocus={first}
      actions={
        <>
          <button type="button" ref={first} className="button button-primary" onClick={onKeepMine}>
            {t('conflict.keepMine')}
          </button>
          <button type="button" className="button button-secondary" onClick={onTakeTheirs}>
            {t('conflict.takeTheirs')}
          </button>
        </>
      }
    >
      <div className="ct-conflict">
        <DataTable columns={columns} rows={[...rows.values()]} rowKey={(row) => row.key} />
      </div>
    </Modal>
  );
}
