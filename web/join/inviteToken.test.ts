import { describe, expect, it, vi } from 'vitest';
import { takeInviteToken } from './inviteToken';

describe('takeInviteToken', () => {
  it('reads the token from the fragment and removes it from the address bar', () => {
    window.history.replaceState(null, '', '/join?lang=en#abc-DEF_123');
    expect(takeInviteToken(window.location, window.history)).toBe('abc-DEF_123');
    expect(window.location.hash).toBe('');
    expect(window.location.href).not.toContain('abc-DEF_123');
    expect(window.location.pathname + window.location.search).toBe('/join?lang=en');
  });

  it('leaves the history alone when there is no token', () => {
    const history = { state: null, replaceState: vi.fn() };
    expect(takeInviteToken({ hash: '', pathname: '/join', search: '' }, history)).toBeNull();
    expect(history.replaceState).not.toHaveBeenCalled();
  });

  it('removes an empty fragment too', () => {
    const history = { state: null, replaceState: vi.fn() };
    expect(takeInviteToken({ hash: '#  ', pathname: '/join', search: '' }, history)).toBeNull();
    expect(history.replaceState).toHaveBeenCalledWith(null, '', '/join');
  });
});
