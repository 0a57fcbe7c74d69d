import { describe, expect, it } from 'vitest';
import { BackoffReconnectPolicy } from './reconnectPolicy';

const at = (previousRetryCount: number, elapsedMilliseconds = 0) => ({
  previousRetryCount,
  elapsedMilliseconds,
});

describe('BackoffReconnectPolicy', () => {
  it('retries at once, then backs off exponentially up to the cap', () => {
    const policy = new BackoffReconnectPolicy({
      jitter: 0,
      initialDelayMs: 1000,
      maxDelayMs: 5000,
    });
    const delays = [0, 1, 2, 3, 4, 5].map((n) => policy.nextRetryDelayInMilliseconds(at(n)));
    expect(delays).toEqual([0, 1000, 2000, 4000, 5000, 5000]);
  });

  it('spreads delays within ±jitter of the base delay', () => {
    const low = new BackoffReconnectPolicy({ jitter: 0.5, random: () => 0 });
    const high = new BackoffReconnectPolicy({ jitter: 0.5, random: () => 0.999999 });
    expect(low.nextRetryDelayInMilliseconds(at(3))).toBe(2000);
    expect(high.nextRetryDelayInMilliseconds(at(3))).toBe(6000);
  });

  it('never exceeds the maximum delay, even with jitter', () => {
    const policy = new BackoffReconnectPolicy({ maxDelayMs: 10_000, random: () => 0.999999 });
    expect(policy.nextRetryDelayInMilliseconds(at(30))).toBeLessThanOrEqual(10_000);
  });

  it('gives up after the configured time when nothing needs the connection', () => {
    const policy = new BackoffReconnectPolicy({ giveUpAfterMs: 60_000 });
    expect(policy.nextRetryDelayInMilliseconds(at(5, 59_000))).not.toBeNull();
    expect(policy.nextRetryDelayInMilliseconds(at(6, 60_000))).toBeNull();
  });

  it('never gives up while a call is active', () => {
    let inCall = true;
    const policy = new BackoffReconnectPolicy({
      giveUpAfterMs: 1000,
      maxDelayMs: 8000,
      jitter: 0,
      keepTrying: () => inCall,
    });
    expect(policy.nextRetryDelayInMilliseconds(at(500, 3_600_000))).toBe(8000);
    inCall = false;
    expect(policy.nextRetryDelayInMilliseconds(at(501, 3_600_000))).toBeNull();
  });
});
