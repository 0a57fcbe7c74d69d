import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LatestWinsThrottle } from './throttle';

describe('LatestWinsThrottle', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sends the first value at once and only the latest of a burst after the interval', () => {
    const sent: number[] = [];
    const throttle = new LatestWinsThrottle<number>(
      (v) => sent.push(v),
      34,
      () => Date.now(),
    );
    for (let i = 1; i <= 10; i++) throttle.push(i);
    expect(sent).toEqual([1]);
    vi.advanceTimersByTime(34);
    expect(sent).toEqual([1, 10]);
    vi.advanceTimersByTime(1000);
    expect(sent).toEqual([1, 10]);
    throttle.push(11);
    expect(sent).toEqual([1, 10, 11]);
  });

  it('sends nothing more once cancelled', () => {
    const sent: number[] = [];
    const throttle = new LatestWinsThrottle<number>(
      (v) => sent.push(v),
      34,
      () => Date.now(),
    );
    throttle.push(1);
    throttle.push(2);
    throttle.cancel();
    vi.advanceTimersByTime(100);
    expect(sent).toEqual([1]);
  });
});
