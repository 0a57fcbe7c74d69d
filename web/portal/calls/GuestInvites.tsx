import { useEffect, useState } from 'preact/hooks';
import { ApiError, api, describeError } from '../../shared/api';
import type {
  GuestInviteCreatedResponse,
  GuestInviteResponse,
  GuestInviteStatus,
} from '../../shared/contracts';
import { FormAlert } from '../forms';
import { formatDateTime } from '../format';
import './guestInvites.css';

const statusLabels: Record<GuestInviteStatus, string> = {
  Pending: 'Not used yet',
  Joined: 'Joined',
  Expired: 'Expired',
  Revoked: 'Withdrawn',
};

/** How often the list is refreshed, so a guest who joins shows up without a reload. */
const refreshMs = 15_000;

/**
 * Guests by link for one live call: invite (a single-use link shown once, with Copy), and the
 * call's invitations with Revoke. Renders nothing for people who may not invite (technicians).
 */
export function GuestInvites({ callId }: { callId: string }) {
  const base = `/api/calls/${callId}/guest-invites`;
  const [invites, setInvites] = useState<GuestInviteResponse[] | null>(null);
  const [allowed, setAllowed] = useState(true);
  const [created, setCreated] = useState<GuestInviteCreatedResponse | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [copied, setCopied] = useState<string | null>(null);

  async function load(): Promise<void> {
    try {
      setInvites(await api.get<GuestInviteResponse[]>(base));
    } catch (err) {
      if (err instanceof ApiError && (err.status === 401 || err.status === 403)) setAllowed(false);
      else setError(err);
    }
  }

  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), refreshMs);
    return () => clearInterval(timer);
  }, [callId]);

  async function act(action: () => Promise<void>): Promise<void> {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await action();
      await load();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const invite = () =>
    act(async () => {
      setCopied(null);
      setCreated(await api.post<GuestInviteCreatedResponse>(base));
    });

  const revoke = (id: string) =>
    act(async () => {
      await api.delete(`/api/guest-invites/${id}`);
      if (created?.inviteId === id) setCreated(null);
    });

  async function copy(link: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(link);
      setCopied('Link copied. Send it to your guest; it works once.');
    } catch {
      setCopied('Copying is not allowed here: select the link and copy it by hand.');
    }
  }

  if (!allowed) return null;

  return (
    <section class="guest-invites" aria-label="Guests">
      <div class="guest-invites-head">
        <h3>Guests</h3>
        <button type="button" disabled={busy} onClick={() => void invite()}>
          Invite guest
        </button>
      </div>
      {created ? (
        <div class="guest-link" data-testid="guest-link">
          <label for="guest-link-input">Invitation link (shown once)</label>
          <div class="guest-link-row">
            <input
              id="guest-link-input"
              readOnly
              value={created.link}
              onFocus={(e) => e.currentTarget.select()}
            />
            <button type="button" class="secondary" onClick={() => void copy(created.link)}>
              Copy
            </button>
          </div>
          <p class="hint" data-testid="guest-link-expiry">
            Valid once, until {formatDateTime(created.expiresAt)}.
          </p>
          {copied ? (
            <p class="hint" role="status">
              {copied}
            </p>
          ) : null}
        </div>
      ) : null}
      <FormAlert message={describeError(error)} />
      {invites && invites.length > 0 ? (
        <ul class="guest-invite-list" data-testid="guest-invites">
          {invites.map((i) => (
            <li key={i.inviteId} data-testid="guest-invite">
              <span>
                <strong>{i.guestName ?? 'Invitation'}</strong>{' '}
                <span class={`guest-status ${i.status.toLowerCase()}`}>
                  {statusLabels[i.status]}
                </span>{' '}
                <span class="hint">
                  {i.status === 'Pending' ? `until ${formatDateTime(i.expiresAt)}` : null}
                </span>
              </span>
              {i.status === 'Pending' || i.status === 'Joined' ? (
                <button
                  type="button"
                  class="danger"
                  disabled={busy}
                  aria-label={`Revoke ${i.guestName ?? 'invitation'}`}
                  onClick={() => void revoke(i.inviteId)}
                >
                  Revoke
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
