import { useState } from 'preact/hooks';
import { api } from '../../shared/api';
import type { DeviceResponse } from '../../shared/contracts';
import { FormAlert, StatusMessage, alertText } from '../forms';
import { formatDateTime } from '../format';
import { useLoad } from '../useLoad';

export function Devices() {
  const devices = useLoad(() => api.get<DeviceResponse[]>('/api/devices'));
  const [confirming, setConfirming] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  async function revoke(device: DeviceResponse) {
    setError(null);
    setStatus(null);
    try {
      await api.delete(`/api/devices/${encodeURIComponent(device.id)}`);
      setStatus(`${device.name} was revoked. It must be paired again to be used.`);
    } catch (err) {
      setError(err);
    }
    setConfirming(null);
    devices.reload();
  }

  const list = devices.data ?? [];
  return (
    <main>
      <h1>Devices</h1>
      <FormAlert message={alertText(error ?? devices.error, [])} />
      <StatusMessage message={status} />
      {devices.data && list.length === 0 ? (
        <p>No devices yet. Pair glasses from a technician's row on the Users page.</p>
      ) : null}
      {list.length > 0 ? (
        <table>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Technician</th>
              <th scope="col">Paired at</th>
              <th scope="col">Last seen</th>
              <th scope="col">Status</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {list.map((device) => (
              <tr key={device.id}>
                <td>{device.name}</td>
                <td>{device.technicianName}</td>
                <td>{formatDateTime(device.pairedAt)}</td>
                <td>{formatDateTime(device.lastSeenAt, 'Never')}</td>
                <td>
                  {device.revokedAt ? `Revoked ${formatDateTime(device.revokedAt)}` : 'Active'}
                </td>
                <td class="actions">
                  {device.revokedAt ? null : confirming === device.id ? (
                    <>
                      <span>Revoke {device.name}?</span>
                      <button type="button" class="danger" onClick={() => void revoke(device)}>
                        Yes, revoke
                      </button>
                      <button type="button" class="secondary" onClick={() => setConfirming(null)}>
                        Cancel
                      </button>
                    </>
                  ) : (
                    <button
                      type="button"
                      class="secondary"
                      onClick={() => setConfirming(device.id)}
                    >
                      Revoke
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </main>
  );
}
