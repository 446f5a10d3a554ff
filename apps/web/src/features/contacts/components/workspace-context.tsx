import type { Contact, FieldError, Line } from '@relais/contracts';
import { createContext, useContext } from 'react';
import type { ContactDraft } from '../model/draft';
import type { TaxonomyIndex } from '../model/taxonomy';

/** What every panel of the workspace reads and writes: one draft, saved by one autosave loop. */
export interface WorkspaceValue {
  contact: Contact;
  draft: ContactDraft;
  update: (change: (draft: ContactDraft) => ContactDraft) => void;
  /** Save now (on blur); resolves true when the server holds everything typed. */
  flush: () => Promise<boolean>;
  line: Line | undefined;
  taxonomy: TaxonomyIndex | undefined;
  /** Items the last wrap-up refused, shown next to their fields until fixed. */
  refused: FieldError[];
}

export const WorkspaceContext = createContext<WorkspaceValue | null>(null);

export function useWorkspace(): WorkspaceValue {
  const value = useContext(WorkspaceContext);
  if (!value) throw new Error('useWorkspace outside the contact workspace');
  return value;
}
