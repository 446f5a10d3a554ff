import { DirectoryStatus, type ResourceType } from '@relais/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { Alert, ErrorAlert, PageHeader } from '../../../components/feedback';
import { QueryState } from '../../../components/query-state';
import { Field } from '../../../components/field';
import { isApiError, isApiErrorCode } from '../../../lib/api';
import { useFormat } from '../../../lib/format';
import { useSocketEvent } from '../../../lib/socket';
import { recordQueryOptions, useResourceRecord, type AnyRecord } from '../api/resource-record';
import { useSaveResource } from '../api/save-resource';
import { useVerifyResource } from '../api/verify-resource';
import {
  CodeListField,
  HoursEditor,
  PhonesEditor,
  type PhoneDraft,
  type ScheduleDraft,
} from './list-editors';
import { editorConfigs, patchOf, type Draft } from './resource-fields';
import { useLocalize, type BilingualRecord } from '../../../lib/localize';

/**
 * Editing one agency, site or service: English and French side by side, hours, phones, languages,
 * taxonomy, status; "Mark verified"; and, when someone else saved first, the choice of what to keep.
 */
export function ResourceEditScreen({ type }: { type: ResourceType }) {
  const { id = '' } = useParams();
  const { t } = useTranslation(['resources', 'common']);
  const record = useResourceRecord(type, id);
  return (
    <div className="page rs-page">
      <QueryState query={record}>{(saved) => <Editor key={saved.id} type={type} saved={saved} />}</QueryState>
      <p>
        <Link to="/resources">{t('edit.back')}</Link>
      </p>
    </div>
  );
}

type Notice = 'saved' | 'nothing' | 'verified' | null;

function Editor({ type, saved }: { type: ResourceType; saved: AnyRecord }) {
  const { t } = useTranslation(['resources', 'common']);
  const { pick } = useLocalize();
  const format = useFormat();
  const queryClient = useQueryClient();
  const save = useSaveResource();
  const verify = useVerifyResource();
  const config = editorConfigs[type];
  const [base, setBase] = useState<Draft>(saved as unknown as Draft);
  const [draft, setDraft] = useState<Draft>(saved as unknown as Draft);
  const [formKey, setFormKey] = useState(0);
  const [notice, setNotice] = useState<Notice>(null);
  const [conflict, setConflict] = useState<{ theirs: Draft; fields: string[] } | null>(null);
  const [othersSaved, setOthersSaved] = useState(false);
  const dirty = Object.keys(patchOf(type, base, draft)).length > 0;

  useSocketEvent('entity.changed', (event) => {
    if (
      event.entity === type &&
      event.id === saved.id &&
      event.version !== undefined &&
      event.version > Number(base.version)
    ) {
      setOthersSaved(true);
    }
  });

  const set = (key: string, value: unknown) => {
    setNotice(null);
    setDraft((d) => ({ ...d, [key]: value }));
  };

  const adopt = (record: Draft) => {
    setBase(record);
    setDraft(record);
    setFormKey((k) => k + 1);
    setConflict(null);
    setOthersSaved(false);
  };

  /** Sends the editor's own changes (draft against what they started from) on top of `onto`'s version. */
  const submit = (onto: Draft) => {
    const patch = patchOf(type, base, draft);
    if (Object.keys(patch).length === 0) {
      setNotice('nothing');
      return;
    }
    save.mutate(
      { type, id: saved.id, patch: { ...patch, version: Number(onto.version) } },
      {
        onSuccess: (record) => {
          adopt(record as unknown as Draft);
          setNotice('saved');
        },
        onError: async (error) => {
          if (!isApiError(error) || error.code !== 'conflict') return;
          const theirs = (await queryClient.fetchQuery({
            ...recordQueryOptions(type, saved.id),
            staleTime: 0,
          })) as unknown as Draft;
          setConflict({ theirs, fields: Object.keys(patchOf(type, base, theirs)) });
        },
      },
    );
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    submit(base);
  };

  const markVerified = () =>
    verify.mutate(
      { type, id: saved.id, version: Number(base.version) },
      {
        onSuccess: (record) => {
          adopt(record as unknown as Draft);
          setNotice('verified');
        },
      },
    );

  const fieldErrors = save.error && isApiError(save.error) ? save.error.fieldMessages() : {};
  // Problems inside lists (hours, phones) have no single input to sit under: they are listed by row.
  const listErrors = Object.entries(fieldErrors).filter(([path]) => /^(phones|schedules)\./.test(path));
  const where = (path: string) => {
    const [list, index] = path.split('.');
    return t(list === 'phones' ? 'edit.phoneRow' : 'edit.hoursRow', { n: Number(index) + 1 });
  };
  const text = (key: string) => (draft[key] as string | null | undefined) ?? '';
  const fieldLabel = (key: string) => t(`fields.${key.replace(/(En|Fr)$/, '')}`);
  const lastVerifiedAt = base.lastVerifiedAt as string | null;

  return (
    <>
      <PageHeader
        title={t(`edit.title.${type}`, { name: pick(base as BilingualRecord<'name'>, 'name') })}
        actions={
          <button
            type="button"
            className="button button-secondary"
            disabled={dirty || verify.isPending}
            title={dirty ? t('verify.saveFirst') : undefined}
            onClick={markVerified}
          >
            {t('verify.button')}
          </button>
        }
      >
        <p className="muted">
          {lastVerifiedAt
            ? t('verify.last', {
                date: format.date(lastVerifiedAt),
                name: (base.lastVerifiedByName as string | null) ?? t('verify.someone'),
              })
            : t('verify.never')}
        </p>
        {'organizationId' in saved && type !== 'organization' ? (
          <p className="muted small">
            {t('edit.agency')}{' '}
            <Link to={`/resources/organizations/${saved.organizationId}`}>
              {pick(saved, 'organizationName')}
            </Link>
          </p>
        ) : null}
      </PageHeader>

      {notice ? (
        <Alert tone={notice === 'nothing' ? 'info' : 'success'}>{t(`notices.${notice}`)}</Alert>
      ) : null}
      {verify.error ? <ErrorAlert error={verify.error} /> : null}
      {othersSaved && !conflict ? <Alert tone="warning">{t('conflict.elsewhere')}</Alert> : null}
      {conflict ? (
        <Alert tone="warning" title={t('conflict.title')}>
          <p>{t('conflict.body')}</p>
          {conflict.fields.length ? (
            <p>
              {t('conflict.theyChanged', {
                fields: [...new Set(conflict.fields.map(fieldLabel))].join(', '),
              })}
            </p>
          ) : null}
          <div className="rs-actions">
            <button
              type="button"
              className="button button-primary"
              onClick={() => submit(conflict.theirs)}
              disabled={save.isPending}
            >
              {t('conflict.keepMine')}
            </button>
            <button type="button" className="button button-secondary" onClick={() => adopt(conflict.theirs)}>
              {t('conflict.takeTheirs')}
            </button>
          </div>
        </Alert>
      ) : null}
      {save.error && !isApiErrorCode(save.error, 'conflict') ? <ErrorAlert error={save.error} /> : null}
      {listErrors.length ? (
        <ul className="rs-report" aria-label={t('edit.problems')}>
          {listErrors.map(([path, message]) => (
            <li key={path}>
              {t('edit.problemAt', { where: where(path) })} {message}
            </li>
          ))}
        </ul>
      ) : null}

      <form key={formKey} className="form rs-form" onSubmit={onSubmit} noValidate>
        <label className="rs-block">
          <span>{t('fields.status')}</span>
          <select value={text('status')} onChange={(e) => set('status', e.target.value)}>
            {DirectoryStatus.options.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
        </label>

        <table className="rs-bilingual">
          <caption className="visually-hidden">{t('sections.text')}</caption>
          <thead>
            <tr>
              <td />
              <th scope="col" lang="en">
                {t('languages.en')}
              </th>
              <th scope="col" lang="fr">
                {t('languages.fr')}
              </th>
            </tr>
          </thead>
          <tbody>
            {config.bilingual.map((f) => (
              <tr key={f.key}>
                <th scope="row">{t(`fields.${f.key}`)}</th>
                {(['En', 'Fr'] as const).map((suffix) => {
                  const key = `${f.key}${suffix}`;
                  const label = t('fieldIn', {
                    field: t(`fields.${f.key}`),
                    language: t(`languages.${suffix.toLowerCase()}`),
                  });
                  const errorId = `rs-error-${key}`;
                  const props = {
                    'aria-label': label,
                    lang: suffix.toLowerCase(),
                    value: text(key),
                    'aria-invalid': fieldErrors[key] ? true : undefined,
                    'aria-describedby': fieldErrors[key] ? errorId : undefined,
                  };
                  return (
                    <td key={key}>
                      {f.multiline ? (
                        <textarea {...props} rows={3} onChange={(e) => set(key, e.target.value)} />
                      ) : (
                        <input {...props} onChange={(e) => set(key, e.target.value)} />
                      )}
                      {fieldErrors[key] ? (
                        <span className="field-error" id={errorId}>
                          {fieldErrors[key]}
                        </span>
                      ) : null}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>

        <div className="rs-grid">
          {config.plain.map((f) => (
            <Field key={f.key} label={t(`fields.${f.key}`)} error={fieldErrors[f.key]}>
              {(props) => (
                <input
                  {...props}
                  type={
                    f.kind === 'number'
                      ? 'number'
                      : f.kind === 'email'
                        ? 'email'
                        : f.kind === 'url'
                          ? 'url'
                          : 'text'
                  }
                  step={f.kind === 'number' ? 'any' : undefined}
                  value={draft[f.key] === null || draft[f.key] === undefined ? '' : String(draft[f.key])}
                  onChange={(e) =>
                    set(
                      f.key,
                      f.kind === 'number'
                        ? e.target.value === ''
                          ? null
                          : Number(e.target.value)
                        : e.target.value,
                    )
                  }
                />
              )}
            </Field>
          ))}
        </div>

        {config.phones ? (
          <PhonesEditor value={(draft.phones as PhoneDraft[]) ?? []} onChange={(v) => set('phones', v)} />
        ) : null}
        {config.schedules ? (
          <HoursEditor
            value={(draft.schedules as ScheduleDraft[]) ?? []}
            onChange={(v) => set('schedules', v)}
          />
        ) : null}
        {config.languages ? (
          <CodeListField
            label={t('fields.languages')}
            hint={t('hints.languages')}
            value={(draft.languages as string[]) ?? []}
            onChange={(v) => set('languages', v)}
            error={fieldErrors.languages ?? fieldErrors['languages.0']}
          />
        ) : null}
        {config.taxonomy ? (
          <CodeListField
            label={t('fields.taxonomyTermIds')}
            hint={t('hints.taxonomyTermIds')}
            value={(draft.taxonomyTermIds as string[]) ?? []}
            onChange={(v) => set('taxonomyTermIds', v)}
            error={Object.entries(fieldErrors).find(([k]) => k.startsWith('taxonomyTermIds'))?.[1]}
          />
        ) : null}

        <div className="rs-actions">
          <button type="submit" className="button button-primary" disabled={save.isPending}>
            {save.isPending ? t('edit.saving') : t('common:actions.save')}
          </button>
          {dirty ? <span className="muted small">{t('edit.unsaved')}</span> : null}
        </div>
      </form>
    </>
  );
}
