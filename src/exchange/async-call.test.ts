import { describe, expect, it } from 'vitest';
import { prefersAsync } from './async-call.service.ts';

describe('EHIS-004-4.4: Prefer: respond-async (RFC 7240)', () => {
  it('is found among other preferences, in any letter case', () => {
    expect(prefersAsync('respond-async')).toBe(true);
    expect(prefersAsync('return=minimal, Respond-Async, wait=10')).toBe(true);
    expect(prefersAsync(['handling=lenient', 'respond-async'])).toBe(true);
  });

  it('is absent otherwise', () => {
    expect(prefersAsync(undefined)).toBe(false);
    expect(prefersAsync('wait=10')).toBe(false);
    expect(prefersAsync('respond-asynchronously')).toBe(false);
  });
});
