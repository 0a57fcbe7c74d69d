import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CallController } from '../../shared/calls/controller';
import { CallError } from '../../shared/calls/errors';
import type { CallInfo, Contact } from '../../shared/calls/types';
import { button, click } from '../../shared/testing';
import { InvitePanel, ParticipantsBar } from './Participants';

const ada = { userId: 'a', displayName: 'Ada Admin', role: 'OrgAdmin' } as const;
const tess = { userId: 't', displayName: 'Tess Technician', role: 'Technician' } as const;

function call(over: Partial<CallInfo> = {}): CallInfo {
  return {
    callId: 'c1',
    state: 'Active',
    caller: ada,
    callee: tess,
    startedAt: '2026-01-01T00:00:00Z',
    answeredAt: '2026-01-01T00:00:01Z',
    endReason: 'None',
    mode: 'Routed',
    participants: [ada, tess],
    recording: false,
    ...over,
  };
}

const contacts: Contact[] = [
  { userId: 't', displayName: 'Tess Technician', role: 'Technician', status: 'Busy' },
  { userId: 'b', displayName: 'Bob Expert', role: 'Expert', status: 'Online' },
  { userId: 'c', displayName: 'Cleo Expert', role: 'Expert', status: 'Offline' },
];

let root: HTMLElement;

beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
});

afterEach(() => {
  render(null, root);
  root.remove();
  vi.restoreAllMocks();
});

describe('ParticipantsBar', () => {
  it('names everyone in the call and lights up only while recording', () => {
    render(<ParticipantsBar call={call()} />, root);
    expect(root.textContent).toContain('In this call: Ada Admin, Tess Technician');
    expect(root.querySelector('[data-testid="recording-indicator"]')).toBeNull();

    render(<ParticipantsBar call={call({ recording: true })} />, root);
    expect(root.querySelector('[data-testid="recording-indicator"]')?.textContent).toContain(
      'Recording',
    );
  });
});

describe('InvitePanel', () => {
  function controller(invite: (userId: string) => Promise<void>) {
    return { getContacts: () => Promise.resolve(contacts), invite } as unknown as CallController;
  }

  it('offers only online people who are not in the call, and rings the one chosen', async () => {
    const invite = vi.fn(() => Promise.resolve());
    await act(async () => {
      render(
        <InvitePanel controller={controller(invite)} call={call()} onClose={() => {}} />,
        root,
      );
    });
    await vi.waitFor(() => expect(root.textContent).not.toContain('Loading'));

    expect(root.textContent).toContain('Bob Expert');
    expect(root.textContent).not.toContain('Cleo Expert');
    expect(root.querySelector('.invite-list')?.textContent).not.toContain('Tess');
    await act(async () => click(button(root, 'Invite Bob Expert')));
    expect(invite).toHaveBeenCalledWith('b');
    expect(root.textContent).toContain('Calling Bob Expert…');
  });

  it("shows the server's reason when the invitation is refused", async () => {
    const refused = () =>
      Promise.reject(
        new CallError(
          'Rejected',
          'More than two people in a call need the media server, and it is not available right now.',
        ),
      );
    await act(async () => {
      render(
        <InvitePanel controller={controller(refused)} call={call()} onClose={() => {}} />,
        root,
      );
    });
    await vi.waitFor(() => expect(root.textContent).not.toContain('Loading'));

    await act(async () => click(button(root, 'Invite Bob Expert')));
    expect(root.querySelector('[role="alert"]')?.textContent).toContain('need the media server');
  });
});
