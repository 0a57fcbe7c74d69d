import { useEffect, useState } from 'preact/hooks';
import { toCallError } from '../../shared/calls/errors';
import type { CallController } from '../../shared/calls/controller';
import type { RemoteParticipant } from '../../shared/calls/routed';
import type { CallInfo, Contact } from '../../shared/calls/types';
import { useMediaElement } from '../../shared/calls/useCall';
import { roleLabel } from '../format';

/** Who is in the call, and the recording light everyone must see. */
export function ParticipantsBar({ call }: { call: CallInfo }) {
  return (
    <div class="participants-bar">
      {call.recording ? (
        <strong class="rec" role="status" data-testid="recording-indicator">
          ● Recording
        </strong>
      ) : null}
      <span class="hint" data-testid="participants">
        In this call: {call.participants.map((p) => p.displayName).join(', ')}
      </span>
    </div>
  );
}

/** The other participants of a ROUTED call beside the main picture: a thumbnail and their voice. */
export function RemoteStrip({ remotes }: { remotes: RemoteParticipant[] }) {
  if (remotes.length === 0) return null;
  return (
    <ul class="remote-strip" aria-label="Other participants">
      {remotes.map((r) => (
        <RemoteThumbnail key={r.streamId} remote={r} />
      ))}
    </ul>
  );
}

function RemoteThumbnail({ remote }: { remote: RemoteParticipant }) {
  const video = useMediaElement<HTMLVideoElement>(remote.stream);
  const audio = useMediaElement<HTMLAudioElement>(remote.stream);
  const hasVideo = remote.stream.getVideoTracks().some((t) => !t.muted);
  return (
    <li
      class="remote-thumb"
      data-testid="remote-participant"
      data-user-id={remote.participant.userId}
    >
      <video ref={video} autoPlay playsInline muted class={hasVideo ? '' : 'hidden'} />
      <audio ref={audio} autoPlay />
      <span>
        {remote.participant.displayName}
        <small class="hint"> · {roleLabel(remote.participant.role)}</small>
      </span>
    </li>
  );
}

/** Rings another person of the organisation into the call. */
export function InvitePanel({
  controller,
  call,
  onClose,
}: {
  controller: CallController;
  call: CallInfo;
  onClose: () => void;
}) {
  const [contacts, setContacts] = useState<Contact[] | null>(null);
  const [invited, setInvited] = useState<Contact | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    controller
      .getContacts()
      .then(setContacts)
      .catch((e: unknown) => setError(toCallError(e).message));
  }, [controller]);
  const inCall = new Set(call.participants.map((p) => p.userId));
  const available = (contacts ?? []).filter((c) => !inCall.has(c.userId) && c.status === 'Online');

  async function invite(contact: Contact) {
    setError(null);
    try {
      await controller.invite(contact.userId);
      setInvited(contact);
    } catch (e) {
      setError(toCallError(e).message);
    }
  }

  return (
    <section class="panel invite-panel" aria-label="Invite someone">
      <div class="panel-head">
        <h3>Invite someone</h3>
        <button type="button" class="secondary" onClick={onClose}>
          Close
        </button>
      </div>
      {error ? (
        <p class="alert" role="alert">
          {error}
        </p>
      ) : null}
      {invited ? (
        <p role="status">
          {inCall.has(invited.userId)
            ? `${invited.displayName} joined.`
            : `Calling ${invited.displayName}…`}
        </p>
      ) : null}
      {contacts === null ? <p class="hint">Loading…</p> : null}
      {contacts !== null && available.length === 0 ? (
        <p class="hint">Nobody else is online right now.</p>
      ) : null}
      <ul class="invite-list">
        {available.map((c) => (
          <li key={c.userId}>
            <span>
              {c.displayName} <small class="hint">{roleLabel(c.role)}</small>
            </span>
            <button type="button" onClick={() => void invite(c)}>
              Invite {c.displayName}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
