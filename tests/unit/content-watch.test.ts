/**
 * Under `npm start`, a saved page is checked again. A save truncates the file before writing
 * it, so the check must wait until the file settles, or it reads an empty page and reports a
 * missing frontmatter that is not missing.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { settledPerKey } from '../../integrations/contentChecks';

describe('settledPerKey: a saved page is checked once it has settled', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('checks once, after the last of a burst of changes to the same file', () => {
    const run = vi.fn();
    const changed = settledPerKey(150, run);
    changed('04-websocket.mdx');
    vi.advanceTimersByTime(100);
    changed('04-websocket.mdx');
    vi.advanceTimersByTime(149);
    expect(run).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(run.mock.calls).toEqual([['04-websocket.mdx']]);
  });

  it('checks two files saved together, each once', () => {
    const run = vi.fn();
    const changed = settledPerKey(150, run);
    changed('a.mdx');
    changed('b.mdx');
    changed('a.mdx');
    vi.advanceTimersByTime(150);
    expect(run.mock.calls.map(([key]) => key).sort()).toEqual(['a.mdx', 'b.mdx']);
  });

  it('checks again when the file is saved again later', () => {
    const run = vi.fn();
    const changed = settledPerKey(150, run);
    changed('a.mdx');
    vi.advanceTimersByTime(150);
    changed('a.mdx');
    vi.advanceTimersByTime(150);
    expect(run).toHaveBeenCalledTimes(2);
  });
});
