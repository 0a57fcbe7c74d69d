import { useEffect, useRef, useState } from 'preact/hooks';
import {
  listDevices,
  openMedia,
  stopStream,
  watchLevel,
  type DeviceChoice,
  type DeviceLists,
  type MediaCheckResult,
} from './mediaCheck';

/**
 * Step 2: the guest sees their camera picture, a live microphone level, can pick other devices,
 * and is told plainly when access is blocked or a device is missing. The stream is handed to
 * `onJoin`; otherwise it is stopped when this step goes away.
 */
export function DeviceCheck({
  name,
  busy,
  error,
  canJoin,
  onBack,
  onJoin,
}: {
  name: string;
  busy: boolean;
  error: string | null;
  canJoin: boolean;
  onBack: () => void;
  onJoin: (stream: MediaStream | null) => void;
}) {
  const [choice, setChoice] = useState<DeviceChoice>({});
  const [attempt, setAttempt] = useState(0);
  const [result, setResult] = useState<MediaCheckResult | null>(null);
  const [devices, setDevices] = useState<DeviceLists>({ cameras: [], microphones: [] });
  const [level, setLevel] = useState(0);
  const video = useRef<HTMLVideoElement>(null);
  const current = useRef<MediaStream | null>(null);
  const handedOver = useRef(false);

  useEffect(() => {
    let cancelled = false;
    stopStream(current.current);
    current.current = null;
    setResult(null);
    void (async () => {
      const opened = await openMedia(choice);
      if (cancelled) {
        stopStream(opened.stream);
        return;
      }
      current.current = opened.stream;
      setResult(opened);
      try {
        setDevices(await listDevices());
      } catch {
        // Device names are a convenience; the check itself worked.
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [choice.cameraId, choice.microphoneId, attempt]);

  useEffect(
    () => () => {
      if (!handedOver.current) stopStream(current.current);
    },
    [],
  );

  const stream = result?.stream ?? null;
  useEffect(() => {
    const element = video.current;
    if (element && element.srcObject !== stream) {
      element.srcObject = stream;
      if (stream) element.play?.()?.catch(() => undefined);
    }
    if (!stream) {
      setLevel(0);
      return;
    }
    return watchLevel(stream, setLevel);
  }, [stream, result?.hasCamera]);

  const activeCamera = stream?.getVideoTracks()[0]?.getSettings?.().deviceId ?? choice.cameraId;
  const activeMicrophone =
    stream?.getAudioTracks()[0]?.getSettings?.().deviceId ?? choice.microphoneId;

  function join() {
    handedOver.current = true;
    onJoin(current.current);
  }

  return (
    <section class="join-card" aria-labelledby="check-title">
      <h1 id="check-title">Check your camera and microphone</h1>
      <p class="hint">You will join as {name}.</p>
      <div class="preview">
        {result?.hasCamera ? (
          <video
            ref={video}
            class="preview-video"
            data-testid="camera-preview"
            autoPlay
            playsInline
            muted
          />
        ) : (
          <p class="preview-empty" data-testid="camera-preview-empty">
            {result ? 'No camera picture' : 'Starting camera…'}
          </p>
        )}
      </div>
      <label for="mic-level">Microphone level</label>
      <meter
        id="mic-level"
        class="mic-level"
        data-testid="mic-level"
        min={0}
        max={1}
        low={0.1}
        value={level}
      />
      {devices.cameras.length > 0 ? (
        <>
          <label for="camera-select">Camera</label>
          <select
            id="camera-select"
            value={activeCamera}
            onChange={(e) => setChoice({ ...choice, cameraId: e.currentTarget.value })}
          >
            {devices.cameras.map((d, i) => (
              <option key={d.deviceId} value={d.deviceId}>
                {d.label || `Camera ${i + 1}`}
              </option>
            ))}
          </select>
        </>
      ) : null}
      {devices.microphones.length > 0 ? (
        <>
          <label for="microphone-select">Microphone</label>
          <select
            id="microphone-select"
            value={activeMicrophone}
            onChange={(e) => setChoice({ ...choice, microphoneId: e.currentTarget.value })}
          >
            {devices.microphones.map((d, i) => (
              <option key={d.deviceId} value={d.deviceId}>
                {d.label || `Microphone ${i + 1}`}
              </option>
            ))}
          </select>
        </>
      ) : null}
      {result?.problem ? (
        <p class="notice" role="status" data-testid="media-problem">
          {result.problem}
        </p>
      ) : null}
      {error ? (
        <div class="alert" role="alert" data-testid="join-error">
          {error}
        </div>
      ) : null}
      <div class="actions">
        {canJoin ? (
          <button type="button" disabled={busy || !result} onClick={join}>
            {busy ? 'Joining…' : 'Join session'}
          </button>
        ) : null}
        {result?.problem && !busy ? (
          <button type="button" class="secondary" onClick={() => setAttempt(attempt + 1)}>
            Try again
          </button>
        ) : null}
        <button type="button" class="secondary" disabled={busy} onClick={onBack}>
          Back
        </button>
      </div>
    </section>
  );
}
