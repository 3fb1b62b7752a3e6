import { describe, expect, it } from 'vitest';
import { runDrill } from '../../bench/drill';

// The reliability drill at class size (the full one, `npm run drill`, uses 1,000 readers).
// It asserts what must never regress; its timings are reported by the drill, not tested.
describe('room: reliability drill, 50 readers', () => {
  it('loses nothing, repeats nothing and keeps order across a room kill, and cuts off a flooder', async () => {
    const summary = await runDrill({ clients: 50, pushes: 30, killAfter: 10 });
    expect(summary).toMatchObject({
      lost: 0,
      duplicated: 0,
      outOfOrder: 0,
      allReconnected: true,
      flooderClose: 1008,
    });
  }, 180_000);
});
