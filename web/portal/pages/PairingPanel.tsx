import { useEffect, useState } from 'preact/hooks';
import { api } from '../../shared/api';
import type { PairingResponse, StartPairingRequest, UserResponse } from '../../shared/contracts';
import { FormAlert, alertText } from '../forms';
import { formatCountdown } from '../format';

function svgDataUrl(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

function useSecondsUntil(iso: string | undefined): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!iso) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [iso]);
  return iso ? (Date.parse(iso) - now) / 1000 : 0;
}

/** Shows a fresh pairing code and QR for one technician's glasses. */
export function PairingPanel({
  technician,
  onClose,
}: {
  technician: UserResponse;
  onClose: () => void;
}) {
  const [pairing, setPairing] = useState<PairingResponse | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const secondsLeft = useSecondsUntil(pairing?.expiresAt);
  const expired = pairing !== null && secondsLeft <= 0;

  async function newCode() {
    setBusy(true);
    setError(null);
    try {
      const body: StartPairingRequest = { technicianId: technician.id };
      setPairing(await api.post<PairingResponse>('/api/pairing', body));
    } catch (err) {
      setPairing(null);
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  useEffect(() => {
    void newCode();
    // A new technician means a new code.
  }, [technician.id]);

  const glassUrl = `${location.origin}/glass`;
  return (
    <section class="panel" aria-labelledby="pairing-heading">
      <h2 id="pairing-heading">Pair a device for {technician.displayName}</h2>
      <FormAlert message={alertText(error, [])} />
      {pairing && !expired ? (
        <div class="pairing">
          <img class="qr" src={svgDataUrl(pairing.qrSvg)} alt="Pairing QR code" />
          <div>
            <p class="pairing-code" data-testid="pairing-code">
              {pairing.code}
            </p>
            <p>
              Expires in <span data-testid="pairing-countdown">{formatCountdown(secondsLeft)}</span>
            </p>
          </div>
        </div>
      ) : null}
      {expired ? <p class="alert">This code has expired. Get a new one.</p> : null}
      <p>
        On the glasses open <strong>{glassUrl}</strong> and scan this code, or say/type the 6
        digits.
      </p>
      <div class="actions">
        <button type="button" onClick={() => void newCode()} disabled={busy}>
          New code
        </button>
        <button type="button" class="secondary" onClick={onClose}>
          Close
        </button>
      </div>
    </section>
  );
}
