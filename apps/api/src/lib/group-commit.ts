/**
 * Group commit: calls made while earlier groups are still running wait and then go together, as one group, so
 * N concurrent requests cost one statement (one plan, one commit, one round trip) instead of N. An idle
 * system sends each call at once (on the next turn of the event loop), so grouping adds no delay; it only
 * forms when the database is busy, which is exactly when the saving matters.
 *
 * - At most `concurrency` groups run at once, each of at most `maxGroup` items, in arrival order.
 * - Two items with the same `keyOf` never share a group (the later one goes in the next), so one statement
 *   never has to decide between two writes of the same row.
 * - With `retryAlone`, a group that fails is retried item by item: the statement is atomic, so nothing of
 *   the group was written, and each caller gets its own result or its own error (one bad request never
 *   fails the others).
 * - With a `lane` (see lane()), shared with other group commits, a group also waits for its turn in the lane
 *   and takes its items when it gets it: what arrived while it waited goes with it.
 */
export function groupCommit<I, O>(
  run: (items: I[]) => Promise<O[]>,
  opts: {
    concurrency?: number;
    maxGroup?: number;
    keyOf?: (item: I) => string;
    retryAlone?: boolean;
    lane?: Lane;
  } = {},
): (item: I) => Promise<O> {
  const { concurrency = 1, maxGroup = 64, keyOf, retryAlone = false, lane } = opts;
  let queue: Array<Pending<I, O>> = [];
  let running = 0;
  let scheduled = false;

  const runOne = async (p: Pending<I, O>) => {
    try {
      const [out] = await run([p.item]);
      p.resolve(out as O);
    } catch (err) {
      p.reject(err);
    }
  };

  async function runGroup(group: Array<Pending<I, O>>) {
    try {
      const out = await run(group.map((p) => p.item));
      group.forEach((p, i) => p.resolve(out[i] as O));
    } catch (err) {
      if (retryAlone && group.length > 1) await Promise.all(group.map(runOne));
      else for (const p of group) p.reject(err);
    }
  }

  function take(): Array<Pending<I, O>> {
    if (!keyOf) return queue.splice(0, maxGroup);
    const group: Array<Pending<I, O>> = [];
    const keys = new Set<string>();
    const rest: Array<Pending<I, O>> = [];
    for (const p of queue) {
      const key = keyOf(p.item);
      if (group.length < maxGroup && !keys.has(key)) {
        keys.add(key);
        group.push(p);
      } else rest.push(p);
    }
    queue = rest;
    return group;
  }

  async function next() {
    if (lane) await lane.acquire();
    try {
      const group = take(); // empty if this function's other group took everything while this one waited
      if (group.length > 0) await runGroup(group);
    } finally {
      lane?.release();
    }
  }

  function pump() {
    scheduled = false;
    while (running < concurrency && queue.length > 0) {
      running++;
      void next().finally(() => {
        running--;
        pump();
      });
    }
  }

  return (item) =>
    new Promise<O>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      if (!scheduled && running < concurrency) {
        scheduled = true;
        setImmediate(pump);
      }
    });
}

interface Pending<I, O> {
  item: I;
  resolve: (value: O) => void;
  reject: (err: unknown) => void;
}

/** One group at a time among the group commits sharing a lane, first come first served. */
export interface Lane {
  acquire(): Promise<void>;
  release(): void;
}

export function lane(): Lane {
  let busy = false;
  const waiting: Array<() => void> = [];
  return {
    acquire: () => {
      if (!busy) {
        busy = true;
        return Promise.resolve();
      }
      return new Promise<void>((resolve) => waiting.push(resolve));
    },
    // The lane passes straight to the group that has waited longest.
    release: () => {
      const first = waiting.shift();
      if (first) first();
      else busy = false;
    },
  };
}
