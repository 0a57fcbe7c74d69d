import { describe, expect, it } from 'vitest';
import { defaultDeviceName } from './deviceName';

describe('defaultDeviceName', () => {
  it('names RealWear glasses by model', () => {
    const ua =
      'Mozilla/5.0 (Linux; Android 10; HMT-1Z1 Build/QP1A) AppleWebKit/537.36 Chrome/120 Mobile';
    expect(defaultDeviceName(ua, 'Linux armv8l')).toBe('RealWear HMT-1Z1');
    expect(defaultDeviceName('Mozilla/5.0 (Linux; Android 8.1; HMT-1 Build/x)', 'Linux')).toBe(
      'RealWear HMT-1',
    );
  });

  it('uses the Android model when the browser reports one', () => {
    const ua = 'Mozilla/5.0 (Linux; Android 13; SM-G991B) AppleWebKit/537.36 Chrome/120 Mobile';
    expect(defaultDeviceName(ua, 'Android')).toBe('SM-G991B');
  });

  it('falls back to the platform', () => {
    const ua = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120 Safari/537.36';
    expect(defaultDeviceName(ua, 'Linux x86_64')).toBe('Browser on Linux x86_64');
    expect(defaultDeviceName(ua, '')).toBe('Browser on unknown platform');
    // Reduced user agents hide the model behind "K".
    const reduced = 'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 Chrome/120 Mobile';
    expect(defaultDeviceName(reduced, 'Android')).toBe('Browser on Android');
  });
});
