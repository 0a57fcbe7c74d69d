import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CallController } from '../../shared/calls/controller';
import { FakeSignaling } from '../../shared/calls/fakeSignaling';
import { LocalMedia } from '../../shared/calls/localMedia';
import type { SessionSignaling } from '../../shared/calls/signaling';
import type { CallInfo } from '../../shared/calls/types';
import { button, click } from '../../shared/testing';
import { Station } from './Station';

const identity = {
  deviceId: 'd1',
  deviceName: 'RealWear HMT-1',
  technicianId: 't1',
  technicianName: 'Tom Technician',
  organizationName: 'Acme',
};
const erin = { userId: 'e1', displayName: 'Erin Expert', role: 'Expert' } as const;
const tom = { userId: 't1', displayName: 'Tom Technician', role: 'Technician' } as const;

function call(overrides: Partial<CallInfo> = {}): CallInfo {
  return {
    callId: 'c1',
    state: 'Ringing',
    caller: erin,
    callee: tom,
    startedAt: '2025-01-01T00:00:00Z',
    answeredAt: null,
    endReason: 'None',
    mode: 'PeerToPeer',
    participants: [erin, tom],
    recording: false,
    ...overrides,
  };
}

let root: HTMLElement;
let hub: FakeSignaling;
let controller: CallController;

beforeEach(async () => {
  root = document.createElement('div');
  document.body.append(root);
  hub = new FakeSignaling();
  hub.contacts = [
    { ...erin, status: 'Online' },
    { userId: 'e2', displayName: 'Olaf Offline', role: 'Expert', status: 'Offline' },
  ];
  const media = new LocalMedia({ cameraAtStart: true });
  vi.spyOn(media, 'start').mockResolvedValue();
  controller = new CallController({
    selfUserId: 't1',
    media,
    signaling: hub as unknown as SessionSignaling,
  });
  await act(async () => render(<Station identity={identity} controller={controller} />, root));
});

afterEach(() => {
  render(null, root);
  root.remove();
});

const status = () => root.querySelector('[data-testid="call-status"]')?.textContent;

describe('glass station', () => {
  it('lists online experts, and a Call expert button that is focused', async () => {
    await vi.waitFor(() => expect(root.textContent).toContain('Call Erin Expert'));
    expect(root.textContent).not.toContain('Olaf');
    expect(document.activeElement?.textContent).toBe('Call expert');
  });

  it('rings with Answer focused, and declines', async () => {
    act(() => hub.emit('incomingCall', call()));
    expect(root.querySelector('[data-testid="caller-name"]')?.textContent).toBe('Erin Expert');
    expect(document.activeElement?.textContent).toBe('Answer');
    click(button(root, 'Decline'));
    await vi.waitFor(() => expect(hub.invoked.map((i) => i.method)).toContain('DeclineCall'));
    expect(root.textContent).toContain('Waiting for calls');
    expect(status()).toBe('Declined');
  });

  it('stops ringing quietly when answered on another device', () => {
    act(() => hub.emit('incomingCall', call()));
    act(() => hub.emit('callEnded', call({ state: 'Active' })));
    expect(root.textContent).toContain('Waiting for calls');
    expect(status()).toBeUndefined();
  });

  it("shows the server's reason when a call cannot start", async () => {
    hub.nextCall = new Error(
      "An unexpected error occurred invoking 'StartCall' on the server. HubException: No expert is online",
    );
    await act(async () => click(button(root, 'Call expert')));
    await vi.waitFor(() => expect(status()).toBe('No expert is online'));
  });

  it('shows Calling… with Cancel, then why it ended', async () => {
    hub.nextCall = call({ caller: tom, callee: erin });
    await act(async () => click(button(root, 'Call expert')));
    await vi.waitFor(() => expect(root.textContent).toContain('Calling Erin Expert…'));
    expect(status()).toBe('Ringing…');
    act(() => hub.emit('callEnded', call({ state: 'Ended', endReason: 'Missed' })));
    expect(status()).toBe('No answer');
  });
});
