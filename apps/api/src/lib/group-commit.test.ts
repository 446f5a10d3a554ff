import { describe, expect, it } from 'vitest';
import { groupCommit, lane } from './group-commit';

/** A `run` that records each group and answers when told to (doubling numbers, refusing negative ones). */
function recorder() {
  const groups: Array<{ items: number[]; answer: () => void }> = [];
  const run = (items: number[]) =>
    new Promise<number[]>((resolve, reject) => {
      groups.push({
        items,
        answer: () =>
          items.some((i) => i < 0)
            ? reject(new Error(`refused ${items.join(',')}`))
            : resolve(items.map((i) => i * 2)),
      });
    });
  return { groups, run };
}

/** Two group commits sharing one lane. */
function sharingALane() {
  const a = recorder();
  const b = recorder();
  const writes = lane();
  return { a, b, callA: groupCommit(a.run, { lane: writes }), callB: groupCommit(b.run, { lane: writes }) };
}

const tick = () => new Promise((r) => setImmediate(r));
const outcome = (p: Promise<number>) =>
  p.then(
    (v) => v,
    (e: Error) => e.message,
  );

describe('groupCommit', () => {
  it('sends a lone call at once, and the calls made while it runs together afterwards', async () => {
    const { groups, run } = recorder();
    const call = groupCommit(run);
    const first = call(1);
    await tick();
    expect(groups.map((g) => g.items)).toEqual([[1]]);
    const later = [call(2), call(3), call(4)];
    await tick();
    expect(groups).toHaveLength(1); // waiting for the group in flight
    groups[0]?.answer();
    expect(await first).toBe(2);
    await tick();
    expect(groups.map((g) => g.items)).toEqual([[1], [2, 3, 4]]);
    groups[1]?.answer();
    expect(await Promise.all(later)).toEqual([4, 6, 8]);
  });

  it('runs up to `concurrency` groups at once, each of at most `maxGroup` items', async () => {
    const { groups, run } = recorder();
    const call = groupCommit(run, { concurrency: 2, maxGroup: 2 });
    const all = [1, 2, 3, 4, 5].map(call);
    await tick();
    expect(groups.map((g) => g.items)).toEqual([
      [1, 2],
      [3, 4],
    ]);
    groups[1]?.answer();
    await tick();
    expect(groups.map((g) => g.items)).toEqual([[1, 2], [3, 4], [5]]);
    groups[0]?.answer();
    groups[2]?.answer();
    expect(await Promise.all(all)).toEqual([2, 4, 6, 8, 10]);
  });

  it('never puts two items with the same key in one group', async () => {
    const { groups, run } = recorder();
    const call = groupCommit(run, { keyOf: (i) => String(Math.abs(i) % 10) });
    const all = [1, 11, 2, 12].map(call);
    await tick();
    expect(groups.map((g) => g.items)).toEqual([[1, 2]]);
    groups[0]?.answer();
    await tick();
    expect(groups.map((g) => g.items)).toEqual([
      [1, 2],
      [11, 12],
    ]);
    groups[1]?.answer();
    expect(await Promise.all(all)).toEqual([2, 22, 4, 24]);
  });

  it('with retryAlone, retries a failed group item by item so only the bad item fails', async () => {
    const { groups, run } = recorder();
    const call = groupCommit(run, { retryAlone: true });
    const all = [5, -1, 7].map((i) => outcome(call(i)));
    await tick();
    groups[0]?.answer();
    await tick();
    expect(groups.map((g) => g.items)).toEqual([[5, -1, 7], [5], [-1], [7]]);
    groups.slice(1).forEach((g) => g.answer());
    expect(await Promise.all(all)).toEqual([10, 'refused -1', 14]);
  });

  it('without retryAlone, fails every item of a failed group and goes on with the next', async () => {
    const { groups, run } = recorder();
    const call = groupCommit(run);
    const failed = [5, -1].map((i) => outcome(call(i)));
    await tick();
    groups[0]?.answer();
    expect(await Promise.all(failed)).toEqual(['refused 5,-1', 'refused 5,-1']);
    const next = call(3);
    await tick();
    groups[1]?.answer();
    expect(await next).toBe(6);
  });

  it('with a shared lane, runs one group at a time across the functions sharing it, in turn', async () => {
    const { a, b, callA, callB } = sharingALane();
    const first = callA(1);
    await tick();
    const waiting = [callB(10), callA(2)];
    await tick();
    // A's first group holds the lane: B's and A's next groups wait for it.
    expect(a.groups.map((g) => g.items)).toEqual([[1]]);
    expect(b.groups).toHaveLength(0);
    const late = callB(11); // arrives while B waits: goes in the same group
    await tick();
    a.groups[0]?.answer();
    expect(await first).toBe(2);
    await tick();
    expect(b.groups.map((g) => g.items)).toEqual([[10, 11]]);
    expect(a.groups).toHaveLength(1); // B asked first
    b.groups[0]?.answer();
    await tick();
    expect(a.groups.map((g) => g.items)).toEqual([[1], [2]]);
    a.groups[1]?.answer();
    expect(await Promise.all([...waiting, late])).toEqual([20, 4, 22]);
  });

  it('frees its place in the lane when a group fails', async () => {
    const { a, b, callA, callB } = sharingALane();
    const failed = outcome(callA(-1));
    await tick();
    const next = callB(3);
    await tick();
    a.groups[0]?.answer();
    expect(await failed).toBe('refused -1');
    await tick();
    b.groups[0]?.answer();
    expect(await next).toBe(6);
  });
});
