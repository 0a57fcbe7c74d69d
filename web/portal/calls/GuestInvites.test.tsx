import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { GuestInviteResponse } from '../../shared/contracts';
import { button, click, fakeFetch, json } from '../../shared/testing';
import { GuestInvites } from './GuestInvites';

const list = '/api/calls/call-1/guest-invites';
const link = 'https://support.example/join#' + 'T'.repeat(43);

function invite(over: Partial<GuestInviteResponse>): GuestInviteResponse {
  return {
    inviteId: 'inv-1',
    callId: 'call-1',
    status: 'Pending',
    createdByName: 'Ada Lovelace',
    createdAt: '2026-01-01T10:00:00Z',
    expiresAt: '2026-01-02T10:00:00Z',
    joinedAt: null,
    revokedAt: null,
    guestName: null,
    ...over,
  };
}

let root: HTMLElement;

beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
});

afterEach(() => {
  render(null, root);
  root.remove();
  vi.unstubAllGlobals();
});

describe('GuestInvites', () => {
  it('shows nothing to someone who may not invite', async () => {
    const calls = fakeFetch({ [`GET ${list}`]: () => json(403, { title: 'Forbidden' }) });
    render(<GuestInvites callId="call-1" />, root);
    await vi.waitFor(() => expect(calls.some((c) => c.url === list)).toBe(true));
    await vi.waitFor(() => expect(root.textContent).toBe(''));
  });

  it('invites, shows the link once with its expiry, and copies it', async () => {
    let invites: GuestInviteResponse[] = [];
    const calls = fakeFetch({
      [`GET ${list}`]: () => json(200, invites),
      [`POST ${list}`]: () => {
        invites = [invite({})];
        return json(200, { inviteId: 'inv-1', link, expiresAt: '2026-01-02T10:00:00Z' });
      },
    });
    const writeText = vi.fn(async () => undefined);
    Object.defineProperty(window.navigator, 'clipboard', {
      configurable: true,
      value: { writeText },
    });
    render(<GuestInvites callId="call-1" />, root);
    await vi.waitFor(() => button(root, 'Invite guest'));

    click(button(root, 'Invite guest'));

    await vi.waitFor(() =>
      expect(root.querySelector<HTMLInputElement>('#guest-link-input')?.value).toBe(link),
    );
    expect(root.querySelector('[data-testid="guest-link-expiry"]')?.textContent).toMatch(
      /^Valid once, until .*2026/,
    );
    expect(calls.find((c) => c.method === 'POST')?.headers['X-CSRF-TOKEN']).toBe('t');
    await vi.waitFor(() =>
      expect(root.querySelector('[data-testid="guest-invite"]')?.textContent).toContain(
        'Not used yet',
      ),
    );

    click(button(root, 'Copy'));
    await vi.waitFor(() => expect(root.textContent).toContain('Link copied.'));
    expect(writeText).toHaveBeenCalledWith(link);
  });

  it('lists invitations with their state and revokes one', async () => {
    let invites = [
      invite({ inviteId: 'inv-2', status: 'Joined', guestName: 'Gina Guest' }),
      invite({ inviteId: 'inv-1', status: 'Expired' }),
    ];
    const calls = fakeFetch({
      [`GET ${list}`]: () => json(200, invites),
      'DELETE /api/guest-invites/inv-2': () => {
        invites = [{ ...invites[0]!, status: 'Revoked' }, invites[1]!];
        return new Response(null, { status: 204 });
      },
    });
    render(<GuestInvites callId="call-1" />, root);
    await vi.waitFor(() =>
      expect(root.querySelectorAll('[data-testid="guest-invite"]').length).toBe(2),
    );
    const rows = () => Array.from(root.querySelectorAll('[data-testid="guest-invite"]'));
    expect(rows()[0]!.textContent).toContain('Gina Guest Joined');
    expect(rows()[1]!.textContent).toContain('Expired');
    expect(rows()[1]!.querySelector('button')).toBeNull();

    click(root.querySelector<HTMLButtonElement>('[aria-label="Revoke Gina Guest"]')!);

    await vi.waitFor(() => expect(rows()[0]!.textContent).toContain('Withdrawn'));
    expect(calls.some((c) => c.method === 'DELETE' && c.url === '/api/guest-invites/inv-2')).toBe(
      true,
    );
    expect(rows()[0]!.querySelector('button')).toBeNull();
  });

  it('shows why inviting failed', async () => {
    fakeFetch({
      [`GET ${list}`]: () => json(200, []),
      [`POST ${list}`]: () =>
        json(404, {
          title: 'No live call of yours has this id.',
          detail: 'Guests can be invited into a call you are in, while it lasts.',
        }),
    });
    render(<GuestInvites callId="call-1" />, root);
    await vi.waitFor(() => button(root, 'Invite guest'));

    click(button(root, 'Invite guest'));

    await vi.waitFor(() =>
      expect(root.querySelector('[role="alert"]')?.textContent).toBe(
        'Guests can be invited into a call you are in, while it lasts.',
      ),
    );
  });
});
