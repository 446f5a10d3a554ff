import { describe, expect, it } from 'vitest';
import { notifyBatcher } from './realtime-listener';

/** A pool that records each statement and answers when told to. */
function fakePool() {
  const calls: Array<{ text: string; params: unknown[]; answer: (err?: Error) => void }> = [];
  const pool = {
    query: (text: string, params: unknown[]) =>
      new Promise((resolve, reject) => {
        calls.push({ text, params, answer: (err) => (err ? reject(err) : resolve({ rows: [] })) });
      }),
  };
  return { calls, pool: pool as unknown as Parameters<typeof notifyBatcher>[0] };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('notifyBatcher', () => {
  it('sends the events of one moment as one statement, in order, and the next ones after it', async () => {
    const { calls, pool } = fakePool();
    const notify = notifyBatcher(pool);
    const first = [notify('ch', 'a'), notify('ch', 'b'), notify('other', 'c')];
    await tick();
    expect(calls).toHaveLength(1);
    expect(calls[0]?.params).toEqual([
      ['ch', 'ch', 'other'],
      ['a', 'b', 'c'],
    ]);
    // While that statement runs, new events wait for it: one statement in flight, order kept.
    const second = [notify('ch', 'd'), notify('ch', 'e')];
    await tick();
    expect(calls).toHaveLength(1);
    calls[0]?.answer();
    await Promise.all(first);
    await tick();
    expect(calls).toHaveLength(2);
    expect(calls[1]?.params).toEqual([
      ['ch', 'ch'],
      ['d', 'e'],
    ]);
    calls[1]?.answer();
    await Promise.all(second);
  });

  it('fails every event of a batch that PostgreSQL refused, and goes on with the next', async () => {
    const { calls, pool } = fakePool();
    const notify = notifyBatcher(pool);
    const failed = [notify('ch', 'a'), notify('ch', 'b')].map((p) =>
      p.then(
        () => 'sent',
        (e: Error) => e.message,
      ),
    );
    await tick();
    calls[0]?.answer(new Error('connection lost'));
    expect(await Promise.all(failed)).toEqual(['connection lost', 'connection lost']);
    const next = notify('ch', 'c');
    await tick();
    calls[1]?.answer();
    await expect(next).resolves.toBeUndefined();
    expect(calls[1]?.params).toEqual([['ch'], ['c']]);
  });
});
