import { describe, expect, it } from 'vitest';
import {
  callReducer,
  initialCallView,
  statusText,
  type CallAction,
  type CallView,
} from './callState';
import type { CallConnection, CallEndReason, CallInfo } from './types';

const expert = { userId: 'e', displayName: 'Erin', role: 'Expert' } as const;
const tech = { userId: 't', displayName: 'Tess', role: 'Technician' } as const;

function info(state: CallInfo['state'] = 'Ringing', endReason: CallEndReason = 'None'): CallInfo {
  return {
    callId: 'c1',
    state,
    caller: expert,
    callee: tech,
    startedAt: '2025-01-01T00:00:00Z',
    answeredAt: null,
    endReason,
    mode: 'PeerToPeer',
    participants: [expert, tech],
    recording: false,
  };
}

const connection = (isOfferer: boolean): CallConnection => ({
  call: info('Active'),
  iceServers: [{ urls: ['stun:x'], username: null, credential: null }],
  isOfferer,
});

const run = (...actions: CallAction[]): CallView => actions.reduce(callReducer, initialCallView);

describe('callReducer (caller)', () => {
  it('goes dialing -> ringing -> connecting -> connected', () => {
    let view = run({ type: 'dialing' });
    expect(statusText(view)).toBe('Ringing…');
    view = callReducer(view, { type: 'dialed', call: info() });
    expect(view.phase).toBe('outgoing');
    view = callReducer(view, { type: 'connection', connection: connection(true) });
    expect(view).toMatchObject({ phase: 'active', isOfferer: true, media: 'connecting' });
    expect(statusText(view)).toBe('Connecting…');
    view = callReducer(view, { type: 'media', state: 'connected' });
    expect(statusText(view)).toBe('Connected');
  });

  it('keeps the server message when StartCall is refused', () => {
    const view = run({ type: 'dialing' }, { type: 'failed', message: 'Tess is offline' });
    expect(view).toMatchObject({ phase: 'idle', error: 'Tess is offline', call: null });
  });

  it.each([
    ['Declined', 'Declined'],
    ['Missed', 'No answer'],
    ['Busy', 'Busy — in another call'],
    ['Cancelled', 'Cancelled'],
    ['HungUp', 'Call ended'],
    ['ConnectionLost', 'Connection lost'],
  ] as const)('shows why the call ended: %s', (reason, text) => {
    const view = run(
      { type: 'dialing' },
      { type: 'dialed', call: info() },
      { type: 'ended', call: info('Ended', reason) },
    );
    expect(view.phase).toBe('idle');
    expect(statusText(view)).toBe(text);
  });

  it('ignores the end of another call', () => {
    const before = run({ type: 'dialing' }, { type: 'dialed', call: info() });
    const other = { ...info('Ended', 'HungUp'), callId: 'c2' };
    expect(callReducer(before, { type: 'ended', call: other })).toBe(before);
  });
});

describe('callReducer (callee)', () => {
  it('rings, answers and connects', () => {
    let view = run({ type: 'incoming', call: info() });
    expect(statusText(view)).toBe('Incoming call');
    view = callReducer(view, { type: 'answering' });
    expect(statusText(view)).toBe('Connecting…');
    view = callReducer(view, { type: 'connection', connection: connection(false) });
    expect(view).toMatchObject({ phase: 'active', isOfferer: false });
  });

  it('stops ringing quietly when answered on another device', () => {
    const view = run({ type: 'incoming', call: info() }, { type: 'ended', call: info('Active') });
    expect(view.phase).toBe('idle');
    expect(view.ended).toBeNull();
    expect(statusText(view)).toBe('');
  });

  it('ignores a second incoming call while in one', () => {
    const busy = run({ type: 'incoming', call: info() });
    const second = { ...info(), callId: 'c2' };
    expect(callReducer(busy, { type: 'incoming', call: second })).toBe(busy);
  });
});

describe('callReducer (reconnection)', () => {
  const connected = run(
    { type: 'incoming', call: info() },
    { type: 'answering' },
    { type: 'connection', connection: connection(false) },
    { type: 'media', state: 'connected' },
  );

  it('shows Reconnecting… while the other side is away, and Connected when it is back', () => {
    const away = callReducer(connected, { type: 'peerAway', callId: 'c1' });
    expect(statusText(away)).toBe('Reconnecting…');
    expect(statusText(callReducer(away, { type: 'peerBack', callId: 'c1' }))).toBe('Connected');
  });

  it('shows Reconnecting… when media drops after having connected', () => {
    const dropped = callReducer(connected, { type: 'media', state: 'disconnected' });
    expect(statusText(dropped)).toBe('Reconnecting…');
    const restarting = callReducer(dropped, { type: 'media', state: 'connecting' });
    expect(statusText(restarting)).toBe('Reconnecting…');
    expect(statusText(callReducer(restarting, { type: 'media', state: 'connected' }))).toBe(
      'Connected',
    );
  });

  it('shows Reconnecting… while our own hub connection is down', () => {
    const down = callReducer(connected, { type: 'signaling', up: false });
    expect(statusText(down)).toBe('Reconnecting…');
  });

  it('keeps media state when ResumeCall returns the same call', () => {
    const resumed = callReducer(connected, { type: 'connection', connection: connection(false) });
    expect(resumed.media).toBe('connected');
    expect(resumed.everConnected).toBe(true);
  });

  it('picks up a ringing call after a reload', () => {
    const view = run({ type: 'ringing', call: info(), outgoing: true });
    expect(view.phase).toBe('outgoing');
  });

  it('ends with Connection lost locally', () => {
    const view = callReducer(connected, { type: 'localEnded', reason: 'ConnectionLost' });
    expect(statusText(view)).toBe('Connection lost');
    expect(callReducer(view, { type: 'dismiss' }).ended).toBeNull();
  });
});
