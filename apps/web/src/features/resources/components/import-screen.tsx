import { Locale, type HsdsImportReport } from '@relais/contracts';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable, type Column } from '../../../components/data-table';
import { Alert, ErrorAlert, PageHeader } from '../../../components/feedback';
import { isApiErrorCode } from '../../../lib/api';
import { useImportHsds } from '../api/import-hsds';

/** FileReader rather than File.text(): it works in every browser the console supports. */
const readText = (file: File) =>
  new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result ?? ''));
    reader.onerror = () => reject(reader.error ?? new Error('unreadable'));
    reader.readAsText(file);
  });

/** Editors: load an HSDS 3.0 JSON file; all of it is saved, or nothing and the reasons are listed. */
export default function ImportScreen() {
  const { t } = useTranslation(['resources', 'common']);
  const id = useId();
  const run = useImportHsds();
  const [file, setFile] = useState<File | null>(null);
  const [lang, setLang] = useState<Locale>('en');
  const [dryRun, setDryRun] = useState(false);
  const [unreadable, setUnreadable] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    setUnreadable(false);
    run.reset();
    let document: unknown;
    try {
      document = JSON.parse(await readText(file));
    } catch {
      setUnreadable(true);
      return;
    }
    run.mutate({ document, lang, dryRun });
  };

  const rejected = isApiErrorCode(run.error, 'validation') ? run.error.fields : null;

  return (
    <div className="page rs-page">
      <PageHeader title={t('import.title')}>
        <p className="muted">{t('import.intro')}</p>
      </PageHeader>
      <form className="form rs-import" onSubmit={(e) => void submit(e)}>
        <div className="field">
          <label htmlFor={`${id}-file`}>{t('import.file')}</label>
          <input
            id={`${id}-file`}
            type="file"
            accept="application/json,.json"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-lang`}>{t('import.language')}</label>
          <select id={`${id}-lang`} value={lang} onChange={(e) => setLang(Locale.parse(e.target.value))}>
            <option value="en">{t('languages.en')}</option>
            <option value="fr">{t('languages.fr')}</option>
          </select>
        </div>
        <label className="import-check">
          <input type="checkbox" checked={dryRun} onChange={(e) => setDryRun(e.target.checked)} />
          <span>{t('import.dryRun')}</span>
        </label>
        <div className="rs-actions">
          <button type="submit" className="button button-primary" disabled={!file || run.isPending}>
            {run.isPending ? t('import.running') : t('import.submit')}
          </button>
        </div>
      </form>

      {unreadable ? <Alert tone="error">{t('import.notJson')}</Alert> : null}
      {rejected ? (
        <Alert tone="error" title={t('import.rejectedTitle', { count: rejected.length })}>
          <ul className="rs-report">
            {rejected.map((r) => (
              <li key={r.path}>
                <code>{r.path}</code> — {r.message}
              </li>
            ))}
          </ul>
        </Alert>
      ) : run.error ? (
        <ErrorAlert error={run.error} />
      ) : null}
      {run.data ? <ImportReport report={run.data} /> : null}
    </div>
  );
}

function ImportReport({ report }: { report: HsdsImportReport }) {
  const { t } = useTranslation('resources');
  const counts = { created: report.created, updated: report.updated, unchanged: report.unchanged };
  const columns: Column<[string, typeof counts]>[] = [
    { key: 'type', header: t('import.columns.type'), rowHeader: true, cell: ([type]) => type },
    { key: 'created', header: t('import.columns.created'), cell: ([, c]) => c.created },
    { key: 'updated', header: t('import.columns.updated'), cell: ([, c]) => c.updated },
    { key: 'unchanged', header: t('import.columns.unchanged'), cell: ([, c]) => c.unchanged },
  ];
  return (
    <Alert tone="success" title={report.dryRun ? t('import.checked') : t('import.saved')}>
      <p>{t('import.summary', counts)}</p>
      <DataTable columns={columns} rows={Object.entries(report.byType)} rowKey={([type]) => type} />
      {report.warnings.length ? (
        <>
          <p>{t('import.warnings', { count: report.warnings.length })}</p>
          <ul className="rs-report">
            {report.warnings.map((w, i) => (
              <li key={`${w.path}-${i}`}>
                <code>{w.path}</code> — {w.reason}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </Alert>
  );
}
