import { describe, expect, it } from 'vitest';
import { defaultConcurrency, FILES_PER_WORKER } from '../src/pool.js';

describe('the default --concurrency', () => {
  it('stays on one thread on 1 or 2 cores, whatever the amount of work', () => {
    expect(defaultConcurrency(100_000, 1)).toBe(1);
    expect(defaultConcurrency(100_000, 2)).toBe(1);
  });

  it('leaves one core free and gives every worker at least FILES_PER_WORKER files', () => {
    expect(FILES_PER_WORKER).toBe(500);
    expect(defaultConcurrency(999, 8)).toBe(1);
    expect(defaultConcurrency(1000, 8)).toBe(2);
    expect(defaultConcurrency(1594, 8)).toBe(3);
    expect(defaultConcurrency(100_000, 8)).toBe(7);
    expect(defaultConcurrency(0, 8)).toBe(1);
  });
});
