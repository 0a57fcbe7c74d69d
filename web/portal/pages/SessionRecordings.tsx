import { useEffect, useState } from 'preact/hooks';
import { ApiError, api } from '../../shared/api';
import type { RecordingInfo } from '../../shared/contracts';
import { formatBytes, formatDateTime } from '../format';
import { formatDuration } from './Calls';

// The recordings of one call (ROUTED calls only), for the organisation's experts and admins:
// a player for each ready one (the server decrypts and serves ranges, so seeking works), a
// download link, and what is still processing or why one failed.

/** While any recording is still being made or converted, look again this often. */
export const refreshMs = 5000;

type State =
  | { kind: 'loading' }
  | { kind: 'forbidden' }
  | { kind: 'error' }
  | { kind: 'loaded'; recordings: RecordingInfo[] };

async function loadRecordings(callId: string): Promise<State> {
  try {
    const recordings = await api.get<RecordingInfo[]>(
      `/api/calls/${encodeURIComponent(callId)}/recordings`,
    );
    return { kind: 'loaded', recordings };
  } catch (error) {
    if (error instanceof ApiError && error.status === 403) return { kind: 'forbidden' };
    if (error instanceof ApiError && error.status === 404)
      return { kind: 'loaded', recordings: [] };
    return { kind: 'error' };
  }
}

function unsettled(state: State): boolean {
  return (
    state.kind === 'loaded' &&
    state.recordings.some((r) => r.status === 'Recording' || r.status === 'Processing')
  );
}

export function SessionRecordings({ callId }: { callId: string }) {
  const [state, setState] = useState<State>({ kind: 'loading' });

  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async () => {
      const next = await loadRecordings(callId);
      if (!live) return;
      setState(next);
      if (unsettled(next)) timer = setTimeout(() => void load(), refreshMs);
    };
    void load();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [callId]);

  return (
    <section aria-labelledby="session-recordings">
      <h2 id="session-recordings">Recordings</h2>
      {state.kind === 'loading' ? (
        <p class="loading">Loading…</p>
      ) : state.kind === 'forbidden' ? (
        <p class="hint">Recordings are shown to the organisation's experts and admins.</p>
      ) : state.kind === 'error' ? (
        <p role="alert">The recordings could not be loaded.</p>
      ) : state.recordings.length === 0 ? (
        <p class="hint">No recordings in this session.</p>
      ) : (
        <ul class="recordings" data-testid="session-recordings">
          {state.recordings.map((r) => (
            <RecordingItem key={r.id} recording={r} />
          ))}
        </ul>
      )}
    </section>
  );
}

function RecordingItem({ recording: r }: { recording: RecordingInfo }) {
  const facts = [
    `Started by ${r.startedByName}, ${formatDateTime(r.startedAt)}`,
    r.durationMs !== null ? formatDuration(r.durationMs / 1000) : null,
    r.length !== null ? formatBytes(r.length) : null,
  ].filter(Boolean);
  return (
    <li class="recording" data-testid="recording">
      <p class="recording-facts">{facts.join(' · ')}</p>
      {r.status === 'Recording' ? (
        <p class="hint" data-testid="recording-status">
          Recording…
        </p>
      ) : r.status === 'Processing' ? (
        <p class="hint" data-testid="recording-status">
          Processing…
        </p>
      ) : r.status === 'Failed' ? (
        <p role="alert" data-testid="recording-status">
          This recording could not be converted: {r.failureReason ?? 'no reason was given.'}
        </p>
      ) : null}
      {r.note ? <p class="hint">{r.note}</p> : null}
      {r.status === 'Ready' && r.contentUrl ? (
        <>
          {/* preload none: the first request is a playback for the audit log, not a page visit. */}
          <video
            controls
            preload="none"
            src={r.contentUrl}
            aria-label={`Recording started ${formatDateTime(r.startedAt)}`}
            data-testid="recording-player"
          />
          <p class="row-actions">
            <a href={`${r.contentUrl}?download=1`} download>
              Download
            </a>
            {r.webcamUrl ? (
              <a href={`${r.webcamUrl}?download=1`} download>
                Download webcam{r.webcamLength !== null ? ` (${formatBytes(r.webcamLength)})` : ''}
              </a>
            ) : null}
          </p>
          {r.webcamUrl ? (
            <details>
              <summary>Expert's webcam</summary>
              <video
                controls
                preload="none"
                src={r.webcamUrl}
                aria-label="Expert's webcam"
                data-testid="webcam-player"
              />
            </details>
          ) : null}
        </>
      ) : null}
    </li>
  );
}
