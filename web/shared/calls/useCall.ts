// Preact bindings of the call controller.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { CallView } from './callState';
import type { CallController } from './controller';
import { Ringtone } from './ringtone';
import type { RemoteParticipant } from './routed';

export function useCallView(controller: CallController): CallView {
  const [view, setView] = useState(controller.view);
  useEffect(() => {
    setView(controller.view);
    return controller.on('view', setView);
  }, [controller]);
  return view;
}

/** The other side's media; re-renders when tracks are added, muted or unmuted. */
export function useRemoteStream(controller: CallController): {
  stream: MediaStream | null;
  hasVideo: boolean;
} {
  const [state, setState] = useState(() => snapshot(controller.peer?.remoteStream ?? null));
  useEffect(() => {
    setState(snapshot(controller.peer?.remoteStream ?? controller.mainRemoteStream()));
    return controller.on('remote', (stream) => setState(snapshot(stream)));
  }, [controller]);
  return state;
}

/** Everyone else's media in a ROUTED call (empty peer to peer). */
export function useRemotes(controller: CallController): RemoteParticipant[] {
  const [remotes, setRemotes] = useState(() => controller.routed?.remotes ?? []);
  useEffect(() => {
    setRemotes(controller.routed?.remotes ?? []);
    return controller.on('remotes', (list) => setRemotes([...list]));
  }, [controller]);
  return remotes;
}

function snapshot(stream: MediaStream | null) {
  const video = stream?.getVideoTracks()[0];
  return { stream, hasVideo: Boolean(video && !video.muted && video.readyState === 'live') };
}

/** Re-renders when the local media changes (mute, camera, preset). */
export function useLocalMediaVersion(controller: CallController): number {
  const [version, setVersion] = useState(0);
  useEffect(() => controller.media.on('changed', () => setVersion((v) => v + 1)), [controller]);
  return version;
}

/** Rings while `ringing` is true; stops on change and on unmount. */
export function useRingtone(ringing: boolean): void {
  const tone = useRef<Ringtone | null>(null);
  useEffect(() => {
    if (!ringing) return;
    tone.current ??= new Ringtone();
    tone.current.start();
    return () => tone.current?.stop();
  }, [ringing]);
}

/** Binds a MediaStream to a <video>/<audio> element. */
export function useMediaElement<T extends HTMLMediaElement>(stream: MediaStream | null) {
  const ref = useRef<T>(null);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    if (element.srcObject !== stream) element.srcObject = stream;
    if (stream) {
      // Autoplay can be refused (no user gesture yet); the stream is still attached.
      element.play().catch(() => undefined);
    }
  }, [stream, ref.current]);
  return ref;
}
