import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { clearMirror, readMirror, writeMirror } from '../model/local-mirror';
import { sameValue } from '../model/diff';

export interface Versioned<T> {
  value: T;
  version: number;
}

/** What went wrong with a save: decides whether to retry, ask the specialist, or stop. */
export type SaveFailure = 'conflict' | 'network' | 'invalid';

export type SaveStatus =
  | { kind: 'idle' }
  | { kind: 'pending' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: Date }
  | { kind: 'offline'; retryInMs: number }
  | { kind: 'conflict' }
  | { kind: 'invalid'; error: unknown };

export interface Conflict<T> {
  mine: T;
  theirs: Versioned<T>;
}

export interface AutosaveOptions<T> {
  /** localStorage key of the unsaved-draft mirror. */
  storageKey: string;
  /** The server's copy when the screen opened. */
  initial: Versioned<T>;
  save: (draft: T, version: number) => Promise<Versioned<T>>;
  /** Reads the server's current copy after a 409. */
  fetchLatest: () => Promise<Versioned<T>>;
  classify: (error: unknown) => SaveFailure;
  delayMs?: number;
  /** Whether two drafts hold the same data (e.g. ignoring server normalisation); deep equality by default. */
  equals?: (a: T, b: T) => boolean;
  /** Tells the rest of the screen about every accepted save (e.g. to refresh the query cache). */
  onSaved?: (saved: Versioned<T>) => void;
}

const RETRY_STEPS_MS = [1_000, 2_000, 5_000, 10_000, 20_000, 30_000];

/**
 * Keeps a draft in sync with the server: saves `delayMs` after the last edit (or at once on flush),
 * sends the version it was based on, keeps every local edit while offline and retries, and stops on a
 * version conflict until the specialist chooses their copy or the server's.
 */
export function useAutosave<T>(options: AutosaveOptions<T>) {
  const { storageKey, delayMs = 800 } = options;
  const optionsRef = useRef(options);
  useLayoutEffect(() => {
    optionsRef.current = options;
  });

  const [start] = useState(() => restore(options));
  const [draft, setDraftState] = useState<T>(start.draft);
  const [status, setStatus] = useState<SaveStatus>(start.dirty ? { kind: 'pending' } : { kind: 'idle' });
  const [conflict, setConflict] = useState<Conflict<T> | null>(start.conflict);

  const base = useRef<Versioned<T>>(start.conflict ? start.conflict.theirs : options.initial);
  const current = useRef<T>(start.draft);
  const dirty = useRef(start.dirty);
  const inFlight = useRef(false);
  const blocked = useRef(start.conflict !== null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const attempts = useRef(0);
  const lastFailure = useRef<SaveFailure | null>(null);
  const saveNowRef = useRef<() => void>(() => undefined);

  const schedule = useCallback((ms: number) => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => saveNowRef.current(), ms);
  }, []);

  /**
   * The server has a newer version: stop saving and fetch it, for the specialist to choose. If it cannot be
   * read, saving resumes as if offline (`retry`: and the save is tried again later).
   */
  const openConflict = useCallback(
    async (retry: boolean) => {
      blocked.current = true;
      setStatus({ kind: 'conflict' });
      try {
        const theirs = await optionsRef.current.fetchLatest();
        setConflict({ mine: current.current, theirs });
      } catch {
        blocked.current = false;
        const wait = RETRY_STEPS_MS[1] ?? 2_000;
        setStatus({ kind: 'offline', retryInMs: wait });
        if (retry) schedule(wait);
      }
    },
    [schedule],
  );

  const saveNow = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    if (!dirty.current || inFlight.current || blocked.current) return;
    const sent = current.current;
    inFlight.current = true;
    setStatus({ kind: 'saving' });
    try {
      const saved = await optionsRef.current.save(sent, base.current.version);
      attempts.current = 0;
      lastFailure.current = null;
      base.current = saved;
      optionsRef.current.onSaved?.(saved);
      if (current.current === sent) {
        // The local draft stays on screen as typed (a half-typed field is never rewritten under the cursor).
        dirty.current = false;
        clearMirror(storageKey);
        setStatus({ kind: 'saved', at: new Date() });
      } else {
        writeMirror(storageKey, saved.version, current.current);
        setStatus({ kind: 'pending' });
        schedule(0);
      }
    } catch (error) {
      const failure = optionsRef.current.classify(error);
      lastFailure.current = failure;
      if (failure === 'conflict') {
        await openConflict(true);
      } else if (failure === 'network') {
        const wait = RETRY_STEPS_MS[Math.min(attempts.current, RETRY_STEPS_MS.length - 1)] ?? 30_000;
        attempts.current += 1;
        setStatus({ kind: 'offline', retryInMs: wait });
        schedule(wait);
      } else {
        setStatus({ kind: 'invalid', error });
      }
    } finally {
      inFlight.current = false;
    }
  }, [openConflict, schedule, storageKey]);
  useLayoutEffect(() => {
    saveNowRef.current = () => void saveNow();
  }, [saveNow]);

  const update = useCallback(
    (change: (previous: T) => T) => {
      const next = change(current.current);
      if (next === current.current) return;
      current.current = next;
      dirty.current = true;
      setDraftState(next);
      writeMirror(storageKey, base.current.version, next);
      if (blocked.current) return;
      setStatus((s) => (s.kind === 'offline' ? s : { kind: 'pending' }));
      schedule(delayMs);
    },
    [delayMs, schedule, storageKey],
  );

  /** Save at once (blur, leaving the screen, before wrap-up); resolves when the server has the draft. */
  const flush = useCallback(async () => {
    lastFailure.current = null;
    for (let i = 0; i < 100 && dirty.current && !blocked.current; i++) {
      if (inFlight.current) await new Promise((r) => setTimeout(r, 50));
      else await saveNow();
      if (lastFailure.current) break;
    }
    return !dirty.current;
  }, [saveNow]);

  const keepMine = useCallback(() => {
    if (!conflict) return;
    base.current = conflict.theirs;
    blocked.current = false;
    dirty.current = true;
    setConflict(null);
    writeMirror(storageKey, conflict.theirs.version, current.current);
    void saveNow();
  }, [conflict, saveNow, storageKey]);

  const takeTheirs = useCallback(() => {
    if (!conflict) return;
    base.current = conflict.theirs;
    current.current = conflict.theirs.value;
    blocked.current = false;
    dirty.current = false;
    setDraftState(conflict.theirs.value);
    setConflict(null);
    clearMirror(storageKey);
    setStatus({ kind: 'saved', at: new Date() });
  }, [conflict, storageKey]);

  /** A server action outside autosave (e.g. wrap-up) met 409: show the same choice as a stale save. */
  const raiseConflict = useCallback(() => openConflict(false), [openConflict]);

  useEffect(() => {
    if (start.dirty && !start.conflict) schedule(0);
    const retry = () => {
      if (dirty.current && !inFlight.current && !blocked.current) schedule(0);
    };
    window.addEventListener('online', retry);
    return () => {
      window.removeEventListener('online', retry);
      if (timer.current) clearTimeout(timer.current);
    };
  }, [schedule, start]);

  return {
    draft,
    update,
    flush,
    status,
    conflict,
    keepMine,
    takeTheirs,
    raiseConflict,
    /** The screen opened with unsaved edits restored from this browser. */
    restored: start.dirty,
    version: () => base.current.version,
    isDirty: () => dirty.current,
  };
}

function restore<T>(options: AutosaveOptions<T>): {
  draft: T;
  dirty: boolean;
  conflict: Conflict<T> | null;
} {
  const mirror = readMirror<T>(options.storageKey);
  const equals = options.equals ?? sameValue;
  if (!mirror || equals(mirror.draft, options.initial.value)) {
    if (mirror) clearMirror(options.storageKey);
    return { draft: options.initial.value, dirty: false, conflict: null };
  }
  if (mirror.version === options.initial.version) {
    return { draft: mirror.draft, dirty: true, conflict: null };
  }
  // Edits made on an older version than the server now holds: let the specialist choose.
  return {
    draft: mirror.draft,
    dirty: true,
    conflict: { mine: mirror.draft, theirs: options.initial },
  };
}
