/**
 * Personal details this browser keeps between visits (unsaved contact drafts) belong to one staff member's
 * session. Their keys carry the staff id, and they are all removed when that person signs out, when their
 * session ends, and as soon as someone else signs in on the same workstation.
 */
const PREFIX = 'relais.private.';
const OWNER_KEY = 'relais.private-owner';

let owner: string | null = null;

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

function removeAll(store: Storage) {
  const keys: string[] = [];
  for (let i = 0; i < store.length; i++) {
    const key = store.key(i);
    if (key?.startsWith(PREFIX)) keys.push(key);
  }
  keys.forEach((key) => store.removeItem(key));
}

export const privateStorage = {
  /** This staff member is signed in: anything another person left on this browser goes. */
  open(staffId: string) {
    owner = staffId;
    const store = storage();
    if (!store) return;
    try {
      if (store.getItem(OWNER_KEY) !== staffId) {
        removeAll(store);
        store.setItem(OWNER_KEY, staffId);
      }
    } catch {
      // Storage disabled: nothing was kept.
    }
  },
  /** The session is over (signed out, timed out, ended elsewhere): nothing personal stays behind. */
  close() {
    owner = null;
    const store = storage();
    if (!store) return;
    try {
      removeAll(store);
      store.removeItem(OWNER_KEY);
    } catch {
      // Storage disabled: nothing was kept.
    }
  },
  /** The storage key for `name` of the person signed in (a key nobody can write while signed out). */
  key(name: string) {
    return `${PREFIX}${owner ?? 'nobody'}.${name}`;
  },
  /** True when `key` belongs to the person signed in, in this tab and in the browser's storage. */
  writable(key: string) {
    if (!owner || !key.startsWith(`${PREFIX}${owner}.`)) return false;
    try {
      return storage()?.getItem(OWNER_KEY) === owner;
    } catch {
      return false;
    }
  },
};
