import { useEffect, useMemo, useState } from 'preact/hooks';
import { api } from '../shared/api';
import { statusText } from '../shared/calls/callState';
import { CallController, exposeTestHook } from '../shared/calls/controller';
import { LocalMedia } from '../shared/calls/localMedia';
import type { RemoteParticipant } from '../shared/calls/routed';
import {
  useCallView,
  useLocalMediaVersion,
  useMediaElement,
  useRemotes,
  useRemoteStream,
} from '../shared/calls/useCall';
import type { GuestSessionResponse } from '../shared/contracts';
import { stopStream } from './mediaCheck';

/**
 * The guest in the session: the technician's picture large, everyone else small, their voices,
 * who is in the call and the recording light. The checked camera/microphone (`stream`) is
 * released: the call opens the same devices again, with the same permission.
 */
export function GuestCall({
  session,
  stream,
}: {
  session: GuestSessionResponse;
  stream: MediaStream | null;
}) {
  const controller = useMemo(
    () =>
      new CallController({
        selfUserId: '',
        // The camera and microphone the guest picked in the check.
        media: new LocalMedia({
          cameraAtStart: true,
          facingMode: 'user',
          cameraDeviceId: stream?.getVideoTracks()[0]?.getSettings().deviceId,
          microphoneDeviceId: stream?.getAudioTracks()[0]?.getSettings().deviceId,
        }),
      }),
    [],
  );
  const [left, setLeft] = useState(false);

  useEffect(() => {
    stopStream(stream);
    controller.start();
    const removeHook = exposeTestHook(controller);
    return () => {
      removeHook();
      void controller.dispose();
    };
  }, [controller]);

  async function leave() {
    await controller.hangUp();
    try {
      await api.post('/api/guest/leave');
    } catch {
      // Signed out already (revoked, expired or the call is over): leaving is done either way.
    }
    await controller.dispose();
    setLeft(true);
  }

  if (left) {
    return (
      <section class="join-card" aria-labelledby="left-title">
        <h1 id="left-title">You left the session</h1>
        <p>To join again, ask the expert for a new invitation link.</p>
      </section>
    );
  }

  return <GuestStage controller={controller} session={session} onLeave={() => void leave()} />;
}

function GuestStage({
  controller,
  session,
  onLeave,
}: {
  controller: CallController;
  session: GuestSessionResponse;
  onLeave: () => void;
}) {
  const view = useCallView(controller);
  useLocalMediaVersion(controller);
  const remote = useRemoteStream(controller);
  const remotes = useRemotes(controller);
  const mainVideo = useMediaElement<HTMLVideoElement>(remote.stream);
  const mainAudio = useMediaElement<HTMLAudioElement>(remote.stream);
  const media = controller.media;
  const call = view.call;

  if (!call && view.ended) {
    return (
      <section class="join-card" aria-labelledby="ended-title">
        <h1 id="ended-title">The session has ended</h1>
        <p data-testid="call-status">{view.ended.text}</p>
      </section>
    );
  }

  return (
    <section class="guest-call" aria-labelledby="call-title">
      <header class="guest-head">
        <h1 id="call-title">{session.organizationName}</h1>
        {call?.recording ? (
          <strong class="rec" role="status" data-testid="recording-indicator">
            ● Recording
          </strong>
        ) : null}
        <span data-testid="call-status" role="status">
          {call ? statusText(view) : `Joining as ${session.displayName}…`}
        </span>
      </header>
      {call ? (
        <p class="hint" data-testid="participants">
          In this call: {call.participants.map((p) => p.displayName).join(', ')}
        </p>
      ) : null}
      {view.error ? (
        <p class="alert" role="alert">
          {view.error}
        </p>
      ) : null}
      <video
        ref={mainVideo}
        class="guest-main"
        data-testid="remote-video"
        autoPlay
        playsInline
        muted
      />
      <audio ref={mainAudio} autoPlay />
      <ul class="guest-strip" aria-label="Other participants">
        {remotes
          .filter((r) => r.stream !== remote.stream)
          .map((r) => (
            <Thumbnail key={r.streamId} remote={r} />
          ))}
      </ul>
      <div class="actions">
        <button type="button" class="secondary" onClick={() => media.setMuted(!media.muted)}>
          {media.muted ? 'Unmute' : 'Mute'}
        </button>
        <button
          type="button"
          class="secondary"
          onClick={() => media.setCameraOff(!media.cameraOff)}
        >
          {media.cameraOff ? 'Camera on' : 'Camera off'}
        </button>
        <button type="button" class="danger" onClick={onLeave}>
          Leave
        </button>
      </div>
    </section>
  );
}

function Thumbnail({ remote }: { remote: RemoteParticipant }) {
  const video = useMediaElement<HTMLVideoElement>(remote.stream);
  const audio = useMediaElement<HTMLAudioElement>(remote.stream);
  return (
    <li>
      <video ref={video} autoPlay playsInline muted />
      <audio ref={audio} autoPlay />
      <span>{remote.participant.displayName}</span>
    </li>
  );
}
