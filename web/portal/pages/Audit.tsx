import { api } from '../../shared/api';
import type { AuditEventResponse } from '../../shared/contracts';
import { FormAlert, alertText } from '../forms';
import { formatDateTime } from '../format';
import { useLoad } from '../useLoad';

export function Audit() {
  const events = useLoad(() => api.get<AuditEventResponse[]>('/api/audit?take=200'));
  return (
    <main>
      <h1>Audit log</h1>
      <p class="hint">The latest 200 events, newest first.</p>
      <FormAlert message={alertText(events.error, [])} />
      <button type="button" class="secondary" onClick={events.reload}>
        Refresh
      </button>
      <table>
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Action</th>
            <th scope="col">By</th>
            <th scope="col">Target</th>
            <th scope="col">Details</th>
            <th scope="col">IP address</th>
          </tr>
        </thead>
        <tbody>
          {(events.data ?? []).map((event) => (
            <tr key={event.id}>
              <td>{formatDateTime(event.at)}</td>
              <td>{event.action}</td>
              <td>{event.actorName ?? '—'}</td>
              <td>{event.target ?? ''}</td>
              <td>{event.details ?? ''}</td>
              <td>{event.ipAddress ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </main>
  );
}
