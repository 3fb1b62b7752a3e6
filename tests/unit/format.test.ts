/** The demos' Spanish numbers: one set of rules, so a size or a time reads the same in every demo. */
import { describe, expect, it } from 'vitest';
import { formatBytes, formatMs, formatNumber, formatSeconds } from '../../src/lib/format';

describe('Spanish numbers for the demos', () => {
  it('writes bytes approximately, with a decimal comma and no trailing ,0', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(900.4)).toBe('900 B');
    expect(formatBytes(1536)).toBe('1,5 KB');
    expect(formatBytes(2048)).toBe('2 KB');
    expect(formatBytes(3.25 * 1024 * 1024)).toBe('3,3 MB');
  });

  it('writes milliseconds with one decimal below 10 ms and whole numbers above', () => {
    expect(formatMs(0)).toBe('0 ms');
    expect(formatMs(1.25)).toBe('1,3 ms');
    expect(formatMs(9.96)).toBe('10 ms');
    expect(formatMs(123.6)).toBe('124 ms');
  });

  it('writes seconds with their decimals always shown, and groups large numbers', () => {
    expect(formatSeconds(2_500)).toBe('2,5 s');
    expect(formatSeconds(0)).toBe('0,0 s');
    expect(formatNumber(2.96, 1, 1)).toBe('3,0');
    expect(formatNumber(12_345.6, 0)).toBe('12.346');
  });
});
