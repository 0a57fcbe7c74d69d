import type { RefObject } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { CallController } from '../../shared/calls/controller';
import { LatestWinsThrottle } from '../../shared/collaboration/throttle';
import { fromFramePoint, toFramePoint, videoFrame } from '../../shared/collaboration/videoFrame';

/** Just under the server's 30 moves a second. */
const sendIntervalMs = 34;
const fadeMs = 3000;

/**
 * A transparent layer over the technician's video: press, drag or click to point. Positions go
 * out as 0..1 of the video frame itself (bars of object-fit: contain left out), the latest
 * position winning at most ~30 times a second; a ring shows the expert where they point.
 */
export function PointerLayer({
  controller,
  callId,
  video,
}: {
  controller: CallController;
  callId: string;
  video: RefObject<HTMLVideoElement | null>;
}) {
  const layer = useRef<HTMLDivElement>(null);
  const pressed = useRef(false);
  const [mark, setMark] = useState<{ x: number; y: number; at: number } | null>(null);
  const throttle = useMemo(
    () =>
      new LatestWinsThrottle<{ x: number; y: number }>((p) => {
        controller.signaling
          .movePointer({ callId, x: p.x, y: p.y })
          .catch((error: unknown) => console.warn('MovePointer failed', error));
      }, sendIntervalMs),
    [controller, callId],
  );
  useEffect(() => () => throttle.cancel(), [throttle]);

  useEffect(() => {
    if (!mark) return;
    const timer = setTimeout(() => setMark(null), fadeMs);
    return () => clearTimeout(timer);
  }, [mark]);

  function point(e: PointerEvent) {
    const frame = video.current ? videoFrame(video.current) : null;
    const p = frame ? toFramePoint(frame, e.clientX, e.clientY) : null;
    if (!p) return;
    throttle.push(p);
    setMark({ ...p, at: e.timeStamp });
  }

  const frame = mark && video.current ? videoFrame(video.current) : null;
  const origin = layer.current?.getBoundingClientRect();
  const at = frame && mark && origin ? fromFramePoint(frame, mark.x, mark.y) : null;

  return (
    <div
      ref={layer}
      class="pointer-layer"
      data-testid="pointer-surface"
      title="Click or drag to point"
      onPointerDown={(e) => {
        pressed.current = true;
        e.currentTarget.setPointerCapture?.(e.pointerId);
        point(e);
      }}
      onPointerMove={(e) => pressed.current && point(e)}
      onPointerUp={() => (pressed.current = false)}
      onPointerCancel={() => (pressed.current = false)}
    >
      {at && origin ? (
        <span
          class="own-pointer"
          data-testid="own-pointer"
          style={{ left: `${at.left - origin.left}px`, top: `${at.top - origin.top}px` }}
        />
      ) : null}
    </div>
  );
}
