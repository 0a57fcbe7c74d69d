import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, api, describeError } from '../shared/api';
import type { ClaimPairingRequest, DeviceIdentityResponse } from '../shared/contracts';
import { CodeEntry } from './CodeEntry';
import { codeValue, emptyCode, isComplete } from './code';
import { thisDeviceName } from './deviceName';
import { ScanScreen } from './ScanScreen';
import { Station } from './calls/Station';

type Screen =
  | { kind: 'loading' }
  | { kind: 'unreachable'; message: string }
  | { kind: 'pairing'; alert: string | null }
  | { kind: 'scanning' }
  | { kind: 'waiting'; identity: DeviceIdentityResponse };

/** Who this device is, or the pairing screen (with the server's reason, e.g. revoked). */
async function identify(): Promise<Screen> {
  try {
    return { kind: 'waiting', identity: await api.get<DeviceIdentityResponse>('/api/device/me') };
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      return { kind: 'pairing', alert: error.detail ?? null };
    }
    return { kind: 'unreachable', message: describeError(error) ?? 'The server is unreachable.' };
  }
}

export function App() {
  const [screen, setScreen] = useState<Screen>({ kind: 'loading' });

  const refresh = () => {
    setScreen({ kind: 'loading' });
    void identify().then(setScreen);
  };
  useEffect(refresh, []);

  async function claim(request: Pick<ClaimPairingRequest, 'code' | 'qrPayload'>) {
    try {
      const body: ClaimPairingRequest = { ...request, deviceName: thisDeviceName() };
      await api.post('/api/pairing/claim', body);
      setScreen(await identify());
    } catch (error) {
      setScreen({ kind: 'pairing', alert: describeError(error) });
    }
  }

  switch (screen.kind) {
    case 'loading':
      return <p class="screen status-line">Connecting…</p>;
    case 'unreachable':
      return <Unreachable message={screen.message} onRetry={refresh} />;
    case 'waiting':
      return <Station identity={screen.identity} />;
    case 'scanning':
      return (
        <ScanScreen
          onResult={(qrPayload) => void claim({ qrPayload })}
          onBack={() => setScreen({ kind: 'pairing', alert: null })}
        />
      );
    case 'pairing':
      return (
        <Pairing
          alert={screen.alert}
          onClaim={(code) => claim({ code })}
          onScan={() => setScreen({ kind: 'scanning' })}
        />
      );
  }
}

function Unreachable({ message, onRetry }: { message: string; onRetry: () => void }) {
  const retry = useRef<HTMLButtonElement>(null);
  useEffect(() => retry.current?.focus(), []);
  return (
    <main class="screen">
      <p role="alert" class="alert">
        {message}
      </p>
      <div class="actions">
        <button type="button" ref={retry} onClick={onRetry}>
          Retry
        </button>
      </div>
    </main>
  );
}

function Pairing({
  alert,
  onClaim,
  onScan,
}: {
  alert: string | null;
  onClaim: (code: string) => Promise<void>;
  onScan: () => void;
}) {
  const [code, setCode] = useState(emptyCode);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);

  async function submit() {
    if (busy) return;
    if (!isComplete(code)) {
      setProblem('Enter all 6 digits.');
      input.current?.focus();
      return;
    }
    setProblem(null);
    setBusy(true);
    await onClaim(codeValue(code));
    setBusy(false);
  }

  const message = problem ?? alert;
  return (
    <main class="screen pairing">
      <h1>Pair these glasses</h1>
      {message ? (
        <p role="alert" class="alert">
          {message}
        </p>
      ) : (
        <p class="hint">Enter the 6-digit code from the portal, or scan its QR code.</p>
      )}
      <CodeEntry value={code} onChange={setCode} onSubmit={() => void submit()} inputRef={input} />
      <div class="actions">
        <button type="button" onClick={() => void submit()} disabled={busy}>
          Pair
        </button>
        <button type="button" onClick={onScan} disabled={busy}>
          Scan
        </button>
      </div>
    </main>
  );
}
