import { useEffect, useState } from 'preact/hooks';
import { ApiError, api } from '../shared/api';
import type { GuestJoinRequest, GuestSessionResponse } from '../shared/contracts';
import { DeviceCheck } from './DeviceCheck';
import { GuestCall } from './GuestCall';
import { maxNameLength, nameProblems } from './guestName';
import { stopStream } from './mediaCheck';

type Step =
  | { kind: 'loading' }
  | { kind: 'no-link'; reason: string | null }
  | { kind: 'name' }
  | { kind: 'devices' }
  | { kind: 'call'; session: GuestSessionResponse; stream: MediaStream | null };

/** The server's words for a refused join: what happened (title) and what to do (detail). */
export function joinErrorText(error: unknown): string {
  if (error instanceof ApiError) {
    const fieldMessages = Object.values(error.fieldErrors).flat();
    if (fieldMessages.length > 0) return fieldMessages.join(' ');
    return [error.title, error.detail].filter(Boolean).join(' ');
  }
  return error instanceof Error ? error.message : 'Something went wrong. Please try again.';
}

/** Refusals that no retry can fix: the link is unknown, used, withdrawn, expired, or the call is over. */
function isFinal(error: unknown): boolean {
  return error instanceof ApiError && [404, 409, 410].includes(error.status);
}

/**
 * The guest page: name, then camera and microphone check, then the session. A guest who
 * already joined (a reload) goes straight back to the session.
 */
export function JoinApp({ token }: { token: string | null }) {
  const [step, setStep] = useState<Step>({ kind: 'loading' });
  const [name, setName] = useState('');
  const [nameErrors, setNameErrors] = useState<string[]>([]);
  const [joinError, setJoinError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let cancelled = false;
    api
      .get<GuestSessionResponse>('/api/guest/me')
      .then((session) => {
        if (!cancelled) setStep({ kind: 'call', session, stream: null });
      })
      .catch((error: unknown) => {
        if (cancelled) return;
        const reason = error instanceof ApiError && error.status === 401 ? error.detail : null;
        setStep(token ? { kind: 'name' } : { kind: 'no-link', reason: reason ?? null });
      });
    return () => {
      cancelled = true;
    };
  }, []);

  function continueToDevices(event: Event) {
    event.preventDefault();
    const problems = nameProblems(name);
    setNameErrors(problems);
    if (problems.length === 0) setStep({ kind: 'devices' });
  }

  async function join(stream: MediaStream | null) {
    if (busy) return;
    setBusy(true);
    setJoinError(null);
    try {
      const body: GuestJoinRequest = { token, displayName: name.trim() };
      const session = await api.post<GuestSessionResponse>('/api/guest/join', body);
      setStep({ kind: 'call', session, stream });
    } catch (error) {
      const serverNameErrors = error instanceof ApiError ? error.errorsFor('displayName') : [];
      if (serverNameErrors.length > 0) {
        stopStream(stream);
        setNameErrors([...serverNameErrors]);
        setStep({ kind: 'name' });
      } else {
        if (isFinal(error)) stopStream(stream);
        setJoinError(error);
      }
    } finally {
      setBusy(false);
    }
  }

  switch (step.kind) {
    case 'loading':
      return (
        <main class="join">
          <p role="status">Loading…</p>
        </main>
      );
    case 'no-link':
      return (
        <main class="join">
          <section class="join-card" aria-labelledby="no-link-title">
            <h1 id="no-link-title">Join a support session</h1>
            {step.reason ? (
              <div class="alert" role="alert">
                {step.reason}
              </div>
            ) : null}
            <p>
              Guests join a live support session through an invitation link that an expert sends
              them. No account is needed.
            </p>
            <p>Open the whole link you were sent, or ask the expert for a new one.</p>
          </section>
        </main>
      );
    case 'name':
      return (
        <main class="join">
          <form class="join-card" onSubmit={continueToDevices} noValidate>
            <h1>Join a support session</h1>
            <p class="hint">Step 1 of 2. The others in the session will see this name.</p>
            <label for="guest-name">Your name</label>
            <input
              id="guest-name"
              name="name"
              autoComplete="name"
              maxLength={maxNameLength * 2}
              value={name}
              aria-invalid={nameErrors.length > 0}
              aria-describedby={nameErrors.length > 0 ? 'guest-name-errors' : undefined}
              onInput={(e) => setName(e.currentTarget.value)}
              autoFocus
            />
            {nameErrors.length > 0 ? (
              <ul id="guest-name-errors" class="field-errors" role="alert">
                {nameErrors.map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
            ) : null}
            <div class="actions">
              <button type="submit">Continue</button>
            </div>
          </form>
        </main>
      );
    case 'devices':
      return (
        <main class="join">
          <DeviceCheck
            name={name.trim()}
            busy={busy}
            error={joinError ? joinErrorText(joinError) : null}
            canJoin={!isFinal(joinError)}
            onBack={() => {
              setJoinError(null);
              setStep({ kind: 'name' });
            }}
            onJoin={(stream) => void join(stream)}
          />
        </main>
      );
    case 'call':
      return (
        <main class="join">
          <GuestCall session={step.session} stream={step.stream} />
        </main>
      );
  }
}
