import type { Contact, FieldError, ReferralKind } from '@relais/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { isApiError } from '../../../lib/api';
import {
  closeContact,
  contactQueryKey,
  contactQueryOptions,
  getContact,
  updateContact,
} from '../api/contact';
import { useLines } from '../api/lines';
import { useAutosave, type SaveFailure } from '../hooks/use-autosave';
import { sameValue } from '../model/diff';
import { toDraft, type ContactDraft, type DraftReferral } from '../model/draft';
import { clearMirror, mirrorKey } from '../model/local-mirror';
import { fieldLabel, normalisePath } from '../model/missing';
import { useTaxonomyIndex } from '../hooks/use-taxonomy-index';
import { termPath } from '../model/taxonomy';
import { CallerPanel } from './caller-panel';
import { ConflictDialog } from './conflict-dialog';
import { CrisisPanel } from './crisis-panel';
import { LineFields } from './line-fields';
import { NeedsPanel } from './needs-panel';
import { ReferralSearch } from './referral-search';
import { ReferralSummaryPanel } from './referral-summary';
import { WorkspaceHeader } from './workspace-header';
import { WorkspaceContext, type WorkspaceValue } from './workspace-context';
import { WrapUp } from './wrap-up';

export function classifySaveError(error: unknown): SaveFailure {
  if (!isApiError(error)) return 'network';
  if (error.status === 409) return 'conflict';
  if (error.code === 'network' || error.status >= 500 || error.status === 429) return 'network';
  return 'invalid';
}

/** Drafts compare equal when they hold the same data; a phone typed here is not known to the server copy. */
const sameDraft = (a: ContactDraft, b: ContactDraft) =>
  sameValue(
    { ...a, caller: { ...a.caller, phone: undefined } },
    { ...b, caller: { ...b.caller, phone: undefined } },
  );

/** The specialist's workspace for one open contact: everything on one screen, saved as it is typed. */
export function Workspace({ initial }: { initial: Contact }) {
  const { t, i18n } = useTranslation('contacts');
  const id = initial.id;
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const contact = useQuery(contactQueryOptions(id)).data ?? initial;
  const lines = useLines();
  const { taxonomy, query: taxonomyQuery } = useTaxonomyIndex();

  const autosave = useAutosave<ContactDraft>({
    storageKey: mirrorKey(id),
    initial: { value: toDraft(initial), version: initial.version },
    equals: sameDraft,
    classify: classifySaveError,
    save: async (draft, version) => {
      const saved = await updateContact(id, draft, version);
      queryClient.setQueryData(contactQueryKey(id), saved);
      return { value: toDraft(saved), version: saved.version };
    },
    fetchLatest: async () => {
      const latest = await getContact(id);
      queryClient.setQueryData(contactQueryKey(id), latest);
      return { value: toDraft(latest), version: latest.version };
    },
  });
  const { draft, update, flush } = autosave;

  const [activeNeedId, setActiveNeedId] = useState<string | null>(null);
  const [referKind, setReferKind] = useState<ReferralKind>('referral');
  const [refusal, setRefusal] = useState<{ version: number; fields: FieldError[] } | null>(null);
  const [closing, setClosing] = useState(false);
  const [closeError, setCloseError] = useState<string | null>(null);

  // After a refused wrap-up, the list follows each save so fixed items disappear from beside their fields.
  const refused: FieldError[] = !refusal
    ? []
    : contact.version > refusal.version
      ? contact.missing
      : refusal.fields;
  const line = lines.data?.find((l) => l.id === draft.lineId);
  const activeNeed = draft.needs.find((n) => n.id === activeNeedId) ?? null;

  const value: WorkspaceValue = { contact, draft, update, flush, line, taxonomy, refused };

  const [chosen, setChosen] = useState<string[]>([]);
  const addReferral = (referral: DraftReferral, serviceAtLocationId: string | null) => {
    if (!activeNeedId) return;
    if (serviceAtLocationId) setChosen((ids) => [...ids, serviceAtLocationId]);
    update((d) => ({
      ...d,
      needs: d.needs.map((n) =>
        n.id === activeNeedId &&
        !n.referrals.some((r) => r.serviceId === referral.serviceId && r.locationId === referral.locationId)
          ? { ...n, unmetReason: null, unmetNote: null, referrals: [...n.referrals, referral] }
          : n,
      ),
    }));
  };

  const close = async () => {
    setClosing(true);
    setCloseError(null);
    try {
      const saved = await flush();
      if (!saved) {
        setCloseError(t('save.offline'));
        return;
      }
      const closed = await closeContact(id, autosave.version(), draft.endedAt ?? undefined);
      clearMirror(mirrorKey(id));
      queryClient.setQueryData(contactQueryKey(id), closed);
      await queryClient.invalidateQueries({ queryKey: ['contacts', 'list'] });
      navigate(`/contacts/${id}`, { replace: true, state: { justClosed: true } });
    } catch (error) {
      if (isApiError(error) && error.status === 400 && error.fields.length > 0) {
        setRefusal({
          version: autosave.version(),
          fields: error.fields.map((f) => ({ ...f, path: normalisePath(f.path) })),
        });
        document.getElementById('ct-wrap-up')?.scrollIntoView?.({ block: 'start', behavior: 'smooth' });
      } else if (isApiError(error) && error.status === 409) {
        await autosave.raiseConflict();
      } else {
        setCloseError(isApiError(error) ? error.message : t('loadError'));
      }
    } finally {
      setClosing(false);
    }
  };

  const status = autosave.status;
  return (
    <WorkspaceContext.Provider value={value}>
      <div className="ct-page">
        <WorkspaceHeader status={status} />
        {status.kind === 'invalid' && isApiError(status.error) ? (
          <p className="ct-missing" role="alert">
            {t('save.invalidDetail', {
              message: status.error.fields.length
                ? status.error.fields.map((f) => fieldLabel(t, f.path)).join(', ')
                : status.error.message,
            })}
          </p>
        ) : null}
        {autosave.restored ? <p className="ct-notice">{t('workspace.restored')}</p> : null}
        {taxonomyQuery.isError ? <p className="ct-notice">{t('needs.taxonomyError')}</p> : null}
        <div className={`ct-workspace${activeNeed ? ' ct-with-search' : ''}`}>
          <div className="ct-stack">
            <CallerPanel />
            <LineFields />
          </div>
          <div className="ct-stack">
            <CrisisPanel />
            <NeedsPanel activeNeedId={activeNeedId} onFindServices={setActiveNeedId} />
            <ReferralSummaryPanel />
            <WrapUp onClose={() => void close()} closing={closing} refusedOnce={refusal !== null} />
            {closeError ? (
              <p className="ct-missing" role="alert">
                {closeError}
              </p>
            ) : null}
          </div>
          {activeNeed ? (
            <aside className="ct-card ct-search-column" aria-label={t('needs.findServices')}>
              <ReferralSearch
                key={activeNeed.id}
                needLabel={termPath(taxonomy, activeNeed.termId, i18n.language)}
                termId={activeNeed.termId}
                place={draft.caller.location?.municipality || draft.caller.location?.fsa || ''}
                chosenIds={chosen}
                kind={referKind}
                onKindChange={setReferKind}
                referred={activeNeed.referrals}
                onRefer={addReferral}
                onClose={() => setActiveNeedId(null)}
              />
            </aside>
          ) : null}
        </div>
        {autosave.conflict ? (
          <ConflictDialog
            conflict={autosave.conflict}
            onKeepMine={autosave.keepMine}
            onTakeTheirs={autosave.takeTheirs}
          />
        ) : null}
      </div>
    </WorkspaceContext.Provider>
  );
}
