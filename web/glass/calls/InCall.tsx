import { useMemo, useRef, useEffect, useState } from 'preact/hooks';
import { statusText } from '../../shared/calls/callState';
import type { CallController } from '../../shared/calls/controller';
import { resolutionPresets } from '../../shared/calls/localMedia';
import {
  useCallView,
  useLocalMediaVersion,
  useMediaElement,
  useRemotes,
  useRemoteStream,
} from '../../shared/calls/useCall';
import type { RemoteParticipant } from '../../shared/calls/routed';
import { ChatOverlay } from './ChatOverlay';
import { DocumentViewer } from './DocumentViewer';
import { PointerOverlay } from './PointerOverlay';
import { ShownImage } from './ShownImage';
import { useShownDocument } from './useShownDocument';
import { useSnapshots } from './useSnapshots';

const noticeMs = 4000;

/** In a call: own camera full screen, the expert's webcam picture-in-picture, an action bar. */
export function InCall({ controller, name }: { controller: CallController; name: string }) {
  const view = useCallView(controller);
  useLocalMediaVersion(controller);
  const media = controller.media;
  const remote = useRemoteStream(controller);
  const remotes = useRemotes(controller);
  const [hidePip, setHidePip] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const preview = useMemo(() => media.previewStream(), [media.video]);
  const local = useMediaElement<HTMLVideoElement>(preview);
  const remoteVideo = useMediaElement<HTMLVideoElement>(remote.stream);
  const remoteAudio = useMediaElement<HTMLAudioElement>(remote.stream);
  const status = statusText(view);
  const callId = view.call?.callId;

  const hangUp = useRef<HTMLButtonElement>(null);
  const photo = useRef<HTMLButtonElement>(null);
  const messageButton = useRef<HTMLButtonElement>(null);
  const [composing, setComposing] = useState(false);
  useEffect(() => hangUp.current?.focus(), []);

  // Notices are brief: each replaces the last and goes after a few seconds.
  const noticeTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(noticeTimer.current), []);
  function notify(text: string) {
    setNotice(text);
    clearTimeout(noticeTimer.current);
    noticeTimer.current = setTimeout(() => setNotice(null), noticeMs);
  }
  const snapshots = useSnapshots(controller, callId ?? '', local, notify);
  const documents = useShownDocument(controller, callId ?? '');
  function closeShown() {
    snapshots.dismiss();
    // Not Hang up: a second Enter must not end the call.
    setTimeout(() => photo.current?.focus());
  }

  function startCompose() {
    // Said or pressed again while open: back to the field.
    if (composing) document.querySelector<HTMLInputElement>('.chat-compose input')?.focus();
    else setComposing(true);
  }

  function endCompose() {
    setComposing(false);
    setTimeout(() => messageButton.current?.focus());
  }

  function closeDocument() {
    documents.dismiss();
    setTimeout(() => photo.current?.focus());
  }

  async function switchCamera() {
    const label = await media.switchCamera();
    notify(label ? `Camera: ${label}` : 'No other camera');
  }

  async function nextQuality() {
    const index = resolutionPresets.findIndex((p) => p.label === media.preset.label);
    const next = resolutionPresets[(index + 1) % resolutionPresets.length]!;
    await media.setPreset(next);
    notify(`Quality: ${next.label}`);
  }

  return (
    <main class="in-call">
      <video ref={local} class="local-video" data-testid="local-video" autoPlay playsInline muted />
      {callId ? <PointerOverlay controller={controller} callId={callId} video={local} /> : null}
      <audio ref={remoteAudio} data-testid="remote-audio" autoPlay />
      <div class="call-top">
        <span class="call-name">{name}</span>
        {view.call?.recording ? (
          <span class="rec" data-testid="recording-indicator" role="status">
            ● REC
          </span>
        ) : null}
        <span class="call-state" data-testid="call-status" role="status">
          {status}
        </span>
      </div>
      {view.call && view.call.participants.length > 2 ? (
        <p class="call-people" data-testid="participants">
          {view.call.participants.map((p) => p.displayName).join(' · ')}
        </p>
      ) : null}
      <OtherVoices remotes={remotes.filter((r) => r.stream !== remote.stream)} />
      {media.error ? <p class="alert call-notice">{media.error}</p> : null}
      {notice ? (
        <p class="call-notice hint" data-testid="call-notice" role="status">
          {notice}
        </p>
      ) : null}
      <video
        ref={remoteVideo}
        class="remote-pip"
        data-testid="remote-video"
        hidden={!remote.hasVideo || hidePip}
        autoPlay
        playsInline
        muted
      />
      {callId ? (
        <ChatOverlay
          controller={controller}
          callId={callId}
          composing={composing}
          onComposeEnd={endCompose}
        />
      ) : null}
      <div class="call-bar" role="toolbar" aria-label="Call actions">
        <button type="button" onClick={() => media.setMuted(!media.muted)}>
          {media.muted ? 'Unmute' : 'Mute'}
        </button>
        <button type="button" onClick={() => media.setCameraOff(!media.cameraOff)}>
          {media.cameraOff ? 'Camera on' : 'Camera off'}
        </button>
        <button type="button" ref={photo} onClick={() => void snapshots.takePhoto()}>
          Photo
        </button>
        {callId ? (
          <button
            type="button"
            ref={messageButton}
            aria-expanded={composing}
            onClick={startCompose}
          >
            Message
          </button>
        ) : null}
        <button type="button" onClick={() => void switchCamera()}>
          Switch camera
        </button>
        <button type="button" onClick={() => void nextQuality()}>
          Quality
        </button>
        {remote.hasVideo ? (
          <button type="button" onClick={() => setHidePip(!hidePip)}>
            {hidePip ? 'Show' : 'Hide'}
          </button>
        ) : null}
        <button type="button" class="danger" ref={hangUp} onClick={() => void controller.hangUp()}>
          Hang up
        </button>
      </div>
      {snapshots.shown ? <ShownImage fileId={snapshots.shown} onClose={closeShown} /> : null}
      {documents.shown ? (
        <DocumentViewer
          key={documents.shown.fileId}
          signaling={controller.signaling}
          document={documents.shown}
          onClose={closeDocument}
        />
      ) : null}
    </main>
  );
}

/** In a call of more than two, everyone else's voice (the main remote plays above). */
function OtherVoices({ remotes }: { remotes: RemoteParticipant[] }) {
  return (
    <>
      {remotes.map((r) => (
        <Voice key={r.streamId} stream={r.stream} />
      ))}
    </>
  );
}

function Voice({ stream }: { stream: MediaStream }) {
  const audio = useMediaElement<HTMLAudioElement>(stream);
  return <audio ref={audio} autoPlay />;
}
