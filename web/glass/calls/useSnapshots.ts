// The glasses' side of snapshots: capture and upload when the expert asks (or on "Photo"),
// and which image the expert wants shown full screen.
import type { RefObject } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { CallController } from '../../shared/calls/controller';
import { SignalingEvent } from '../../shared/calls/signalingEvents';
import { uploadCallFile } from '../../shared/collaboration/files';
import type { SessionFileKind } from '../../shared/collaboration/types';
import { captureStill } from './capture';

export function useSnapshots(
  controller: CallController,
  callId: string,
  video: RefObject<HTMLVideoElement | null>,
  notify: (text: string) => void,
) {
  const [shown, setShown] = useState<string | null>(null);
  const busy = useRef(false);
  const signaling = controller.signaling;

  async function capture(kind: Extract<SessionFileKind, 'Snapshot' | 'Photo'>): Promise<void> {
    if (busy.current) return;
    const track = controller.media.video;
    if (!track || controller.media.cameraOff) {
      notify('Camera is off: no picture sent');
      return;
    }
    busy.current = true;
    notify(kind === 'Photo' ? 'Taking photo…' : 'Taking snapshot…');
    try {
      const still = await captureStill(track, video.current);
      const file = await uploadCallFile(callId, kind, still.blob);
      await signaling.announceFile({ callId, fileId: file.id, kind });
      notify(kind === 'Photo' ? 'Photo sent' : 'Snapshot sent');
    } catch (error) {
      console.warn('Capture failed', error);
      notify(kind === 'Photo' ? 'Photo not sent' : 'Snapshot not sent');
    } finally {
      busy.current = false;
    }
  }
  const captureRef = useRef(capture);
  captureRef.current = capture;

  useEffect(() => {
    const offs = [
      signaling.on(SignalingEvent.SnapshotRequested, (id) => {
        if (id === callId) void captureRef.current('Snapshot');
      }),
      signaling.on(SignalingEvent.ShowImage, (show) => {
        if (show.callId === callId) setShown(show.fileId);
      }),
      signaling.on(SignalingEvent.ShownDismissed, (id) => {
        if (id === callId) setShown(null);
      }),
      // A document shown after the image takes its place.
      signaling.on(SignalingEvent.DocumentShown, (document) => {
        if (document.callId === callId) setShown(null);
      }),
    ];
    return () => offs.forEach((off) => off());
  }, [signaling, callId]);

  function dismiss(): void {
    setShown(null);
    signaling.dismissShown(callId).catch((e: unknown) => console.warn('DismissShown failed', e));
  }

  return { shown, dismiss, takePhoto: () => capture('Photo') };
}
