import { privateStorage } from '../../../lib/private-storage';

/**
 * A copy of the unsaved draft in localStorage, keyed by staff member and contact id: if the browser crashes
 * or the tab is closed while offline, reopening the contact restores what was typed. Removed once the server
 * has it, and with everything else personal when the session ends or someone else signs in
 * (lib/private-storage).
 */
export interface Mirror<T> {
  /** Server version the edits were made on. */
  version: number;
  draft: T;
  updatedAt: string;
}

export function mirrorKey(contactId: string) {
  return privateStorage.key(`contact-draft.${contactId}`);
}

export function readMirror<T>(key: string): Mirror<T> | null {
  try {
    const raw = window.localStorage.getItem(key);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<Mirror<T>>;
    if (typeof parsed.version !== 'number' || parsed.draft === undefined) return null;
    return { version: parsed.version, draft: parsed.draft, updatedAt: String(parsed.updatedAt ?? '') };
  } catch {
    return null;
  }
}

export function writeMirror<T>(key: string, version: number, draft: T) {
  // Signed out, or another person signed in from another tab: their storage is not ours to fill.
  if (!privateStorage.writable(key)) return;
  try {
    const mirror: Mirror<T> = { version, draft, updatedAt: new Date().toISOString() };
    window.localStorage.setItem(key, JSON.stringify(mirror));
  } catch {
    // Storage full or disabled: the server copy and the in-memory draft still hold the edits.
  }
}

export function clearMirror(key: string) {
  try {
    window.localStorage.removeItem(key);
  } catch {
    // Nothing to clear.
  }
}
