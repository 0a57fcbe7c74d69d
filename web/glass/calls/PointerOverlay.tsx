import type { RefObject } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { CallController } from '../../shared/calls/controller';
import { SignalingEvent } from '../../shared/calls/signalingEvents';
import type { PointerPosition } from '../../shared/collaboration/types';
import { fromFramePoint, videoFrame } from '../../shared/collaboration/videoFrame';

/** How long a dot stays after its last move: 3 s, or `?pointerfade=<ms>`. */
export function pointerFadeMs(search = globalThis.location?.search ?? ''): number {
  const ms = Number(new URLSearchParams(search).get('pointerfade'));
  return Number.isFinite(ms) && ms > 0 ? ms : 3000;
}

/**
 * The experts' pointers over our own camera preview, one dot per expert in their colour. The
 * position is 0..1 of the camera frame, mapped through the preview's own object-fit.
 */
export function PointerOverlay({
  controller,
  callId,
  video,
  fadeMs = pointerFadeMs(),
}: {
  controller: CallController;
  callId: string;
  video: RefObject<HTMLVideoElement | null>;
  fadeMs?: number;
}) {
  const [dots, setDots] = useState<ReadonlyMap<string, PointerPosition>>(new Map());
  const [, setLayout] = useState(0);
  const layer = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const timers = new Map<string, ReturnType<typeof setTimeout>>();
    const off = controller.signaling.on(SignalingEvent.PointerMoved, (p) => {
      if (p.callId !== callId) return;
      setDots((d) => new Map(d).set(p.expertId, p));
      clearTimeout(timers.get(p.expertId));
      timers.set(
        p.expertId,
        setTimeout(() => {
          timers.delete(p.expertId);
          setDots((d) => {
            const next = new Map(d);
            next.delete(p.expertId);
            return next;
          });
        }, fadeMs),
      );
    });
    return () => {
      off();
      timers.forEach((t) => clearTimeout(t));
    };
  }, [controller, callId, fadeMs]);

  // The frame moves when the window or the camera resolution changes.
  useEffect(() => {
    const relayout = () => setLayout((n) => n + 1);
    const el = video.current;
    addEventListener('resize', relayout);
    el?.addEventListener('resize', relayout);
    return () => {
      removeEventListener('resize', relayout);
      el?.removeEventListener('resize', relayout);
    };
  }, [video.current]);

  const frame = dots.size && video.current ? videoFrame(video.current) : null;
  const origin = layer.current?.getBoundingClientRect();
  return (
    <div ref={layer} class="pointer-layer" aria-hidden="true">
      {frame && origin
        ? [...dots.values()].map((p) => {
            const at = fromFramePoint(frame, p.x, p.y);
            return (
              <span
                key={p.expertId}
                class="pointer-dot"
                data-testid="pointer-dot"
                style={{
                  left: `${at.left - origin.left}px`,
                  top: `${at.top - origin.top}px`,
                  backgroundColor: p.color,
                }}
              />
            );
          })
        : null}
    </div>
  );
}
