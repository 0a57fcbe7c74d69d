import { useState } from 'preact/hooks';
import { api } from '../../shared/api';
import type { CurrentUserResponse } from '../../shared/contracts';
import { endText } from '../../shared/calls/callState';
import type { CallHistoryEntry } from '../../shared/calls/types';
import { FormAlert, alertText } from '../forms';
import { formatDateTime } from '../format';
import { Link } from '../router';
import { useLoad } from '../useLoad';

/** "1:05:09", "4:05" or "0:07". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`;
}

export function outcome(entry: CallHistoryEntry): string {
  if (entry.answeredAt && (entry.endReason === 'HungUp' || entry.endReason === 'None')) {
    return 'Completed';
  }
  return endText(entry.endReason);
}

export function Calls({ me }: { me: CurrentUserResponse }) {
  const isAdmin = me.role === 'OrgAdmin';
  const [scope, setScope] = useState<'mine' | 'organization'>('mine');
  const calls = useLoad(() =>
    api.get<CallHistoryEntry[]>(
      scope === 'organization' ? '/api/calls?scope=organization' : '/api/calls',
    ),
  );

  function show(next: 'mine' | 'organization') {
    // Both updates land in one render, whose load() already reads the new scope.
    setScope(next);
    calls.reload();
  }

  return (
    <main>
      <h1>Calls</h1>
      <FormAlert message={alertText(calls.error, [])} />
      <div class="actions">
        {isAdmin ? (
          <>
            <button
              type="button"
              class={scope === 'mine' ? '' : 'secondary'}
              aria-pressed={scope === 'mine'}
              onClick={() => show('mine')}
            >
              My calls
            </button>
            <button
              type="button"
              class={scope === 'organization' ? '' : 'secondary'}
              aria-pressed={scope === 'organization'}
              onClick={() => show('organization')}
            >
              All calls
            </button>
          </>
        ) : null}
        <button type="button" class="secondary" onClick={calls.reload}>
          Refresh
        </button>
      </div>
      {calls.data && calls.data.length === 0 ? <p class="hint">No calls yet.</p> : null}
      <table data-testid="call-history">
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Caller</th>
            <th scope="col">Callee</th>
            <th scope="col">Duration</th>
            <th scope="col">Outcome</th>
          </tr>
        </thead>
        <tbody>
          {(calls.data ?? []).map((entry) => (
            <tr key={entry.callId}>
              <td>
                <Link href={`/calls/${entry.callId}`}>{formatDateTime(entry.startedAt)}</Link>
              </td>
              <td>{entry.caller.displayName}</td>
              <td>{entry.callee.displayName}</td>
              <td>{entry.answeredAt ? formatDuration(entry.durationSeconds) : '—'}</td>
              <td>{outcome(entry)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </main>
  );
}
