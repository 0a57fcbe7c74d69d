import { useEffect, useRef, useState } from 'preact/hooks';
import { cameraErrorMessage, createQrDecoder, openCamera, stopCamera } from './scan';

// A few decodes a second find a steady QR quickly without loading a weak CPU.
const scanIntervalMs = 300;

/** Shows the camera and calls onResult with the first QR text it decodes. */
export function ScanScreen({
  onResult,
  onBack,
}: {
  onResult: (text: string) => void;
  onBack: () => void;
}) {
  const video = useRef<HTMLVideoElement>(null);
  const back = useRef<HTMLButtonElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    back.current?.focus();
    let stream: MediaStream | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let active = true;

    async function start() {
      try {
        stream = await openCamera();
        if (!active) return stopCamera(stream);
        const element = video.current!;
        element.srcObject = stream;
        await element.play();
        const decode = await createQrDecoder();
        const tick = async () => {
          if (!active) return;
          const text = await decode(element).catch(() => null);
          if (!active) return;
          if (text) {
            active = false;
            stopCamera(stream);
            onResult(text);
          } else {
            timer = setTimeout(() => void tick(), scanIntervalMs);
          }
        };
        void tick();
      } catch (err) {
        if (active) setError(cameraErrorMessage(err));
        stopCamera(stream);
      }
    }
    void start();

    return () => {
      active = false;
      clearTimeout(timer);
      stopCamera(stream);
      if (video.current) video.current.srcObject = null;
    };
  }, [attempt]);

  return (
    <main class="screen scan">
      {error ? (
        <p role="alert" class="alert">
          {error}
        </p>
      ) : (
        <p class="status-line">Point the camera at the QR code.</p>
      )}
      <video ref={video} class="viewfinder" muted playsInline autoplay />
      <div class="actions">
        {error ? (
          <button
            type="button"
            onClick={() => {
              setError(null);
              setAttempt((n) => n + 1);
            }}
          >
            Retry
          </button>
        ) : null}
        <button type="button" ref={back} onClick={onBack}>
          Back
        </button>
      </div>
    </main>
  );
}
