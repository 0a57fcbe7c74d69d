// The portal's side of snapshots: ask the glasses for one, and open the editor on each
// picture the technician shares (a requested snapshot or a photo of their own).
import { useEffect, useRef, useState } from 'preact/hooks';
import type { CallController } from '../../shared/calls/controller';
import { SignalingEvent } from '../../shared/calls/signalingEvents';

const waitMs = 30_000;

export function useSharedFiles(controller: CallController, callId: string) {
  const [editing, setEditing] = useState<string | null>(null);
  const [waiting, setWaiting] = useState(false);
  const waitingRef = useRef(false);
  waitingRef.current = waiting;
  /** A snapshot another expert asked for: offered, not forced open over what this expert is doing. */
  const [offered, setOffered] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const signaling = controller.signaling;

  useEffect(
    () =>
      signaling.on(SignalingEvent.FileShared, (file) => {
        if (file.callId !== callId || (file.kind !== 'Snapshot' && file.kind !== 'Photo')) return;
        if (file.kind === 'Snapshot' && !waitingRef.current) {
          setOffered(file.fileId);
          return;
        }
        setWaiting(false);
        // The newest picture replaces the one open: it is what the technician sees now.
        setEditing(file.fileId);
      }),
    [signaling, callId],
  );

  // The glasses may fail to capture or upload (they say so on their screen): stop waiting.
  useEffect(() => {
    if (!waiting) return;
    const timer = setTimeout(() => {
      setWaiting(false);
      setError('No snapshot arrived from the glasses. Try again.');
    }, waitMs);
    return () => clearTimeout(timer);
  }, [waiting]);

  async function requestSnapshot(): Promise<void> {
    setError(null);
    setWaiting(true);
    try {
      await signaling.requestSnapshot(callId);
    } catch (e) {
      setWaiting(false);
      setError(e instanceof Error ? e.message : 'The snapshot could not be requested.');
    }
  }

  return {
    editing,
    waiting,
    offered,
    error,
    requestSnapshot,
    openOffered: () => {
      setEditing(offered);
      setOffered(null);
    },
    close: () => setEditing(null),
  };
}
