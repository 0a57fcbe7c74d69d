import { useEffect, useState } from 'preact/hooks';
import { api } from '../shared/api';
import type { GuestSessionResponse } from '../shared/contracts';
import { stopStream } from './mediaCheck';

/**
 * The guest in the session. For now a waiting screen with Leave; the live (routed) call view
 * replaces its body. `stream` is the checked camera/microphone, or null after a reload (the
 * call view then asks for media again).
 */
export function GuestCall({
  session,
  stream,
}: {
  session: GuestSessionResponse;
  stream: MediaStream | null;
}) {
  const [left, setLeft] = useState(false);
  const [leaving, setLeaving] = useState(false);

  useEffect(() => () => stopStream(stream), [stream]);

  async function leave() {
    setLeaving(true);
    try {
      await api.post('/api/guest/leave');
    } catch {
      // Signed out already (revoked, expired or the call is over): leaving is done either way.
    }
    stopStream(stream);
    setLeft(true);
  }

  if (left) {
    return (
      <section class="join-card" aria-labelledby="left-title">
        <h1 id="left-title">You left the session</h1>
        <p>To join again, ask the expert for a new invitation link.</p>
      </section>
    );
  }

  return (
    <section class="join-card" aria-labelledby="call-title">
      <h1 id="call-title">{session.organizationName}</h1>
      <p role="status" data-testid="guest-status">
        Connected as <strong>{session.displayName}</strong> — waiting for the session to start
      </p>
      <div class="actions">
        <button type="button" class="danger" disabled={leaving} onClick={() => void leave()}>
          Leave
        </button>
      </div>
    </section>
  );
}
