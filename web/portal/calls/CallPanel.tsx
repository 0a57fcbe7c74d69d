import { useEffect, useMemo, useState } from 'preact/hooks';
import { otherParty, statusText } from '../../shared/calls/callState';
import type { CallController } from '../../shared/calls/controller';
import { toCallError } from '../../shared/calls/errors';
import { SignalingEvent } from '../../shared/calls/signalingEvents';
import type { CallInfo } from '../../shared/calls/types';
import {
  useCallView,
  useLocalMediaVersion,
  useMediaElement,
  useRemotes,
  useRemoteStream,
  useRingtone,
} from '../../shared/calls/useCall';
import { FormAlert } from '../forms';
import { ChatPanel } from './ChatPanel';
import { DocumentsPanel, ShownDocumentBar } from './documents/DocumentsPanel';
import { GuestInvites } from './GuestInvites';
import { useDocumentOnGlasses } from './documents/useDocumentOnGlasses';
import { InvitePanel, ParticipantsBar, RemoteStrip } from './Participants';
import { PointerLayer } from './PointerLayer';
import { SnapshotEditor } from './snapshot/SnapshotEditor';
import { useSharedFiles } from './useSharedFiles';

/** The call bar and stage: ringing, in call, or how the last call ended. */
export function CallPanel({
  controller,
  selfUserId,
}: {
  controller: CallController;
  selfUserId: string;
}) {
  const view = useCallView(controller);
  const status = statusText(view);
  const other = view.call ? otherParty(view.call, selfUserId) : null;

  if (view.phase === 'incoming' || view.phase === 'answering') {
    return <IncomingCallDialog controller={controller} name={other?.displayName ?? ''} />;
  }
  if (view.phase === 'active' && view.call) {
    return (
      <InCall
        controller={controller}
        call={view.call}
        callId={view.call.callId}
        name={other?.displayName ?? ''}
        status={status}
        canPoint={other?.role === 'Technician'}
        isExpert={isExpert(view.call, selfUserId)}
      />
    );
  }
  if (view.phase === 'dialing' || view.phase === 'outgoing') {
    return (
      <section class="call-bar" aria-label="Call">
        <span>
          Calling {other?.displayName ?? '…'}{' '}
          <strong data-testid="call-status" role="status">
            {status}
          </strong>
        </span>
        <button
          type="button"
          class="danger"
          disabled={view.phase === 'dialing'}
          onClick={() => void controller.cancel()}
        >
          Cancel
        </button>
      </section>
    );
  }
  if (view.error || view.ended) {
    return (
      <section class="call-bar" aria-label="Call">
        {view.error ? <FormAlert message={view.error} /> : null}
        {view.ended ? (
          <strong data-testid="call-status" role="status">
            {status}
          </strong>
        ) : null}
        <button type="button" class="secondary" onClick={() => controller.dismiss()}>
          Close
        </button>
      </section>
    );
  }
  return null;
}

/** My role in the call: experts and admins may invite and record. */
function isExpert(call: CallInfo, selfUserId: string): boolean {
  const me = [call.caller, call.callee, ...call.participants].find((p) => p.userId === selfUserId);
  return me?.role === 'Expert' || me?.role === 'OrgAdmin';
}

function IncomingCallDialog({ controller, name }: { controller: CallController; name: string }) {
  const view = useCallView(controller);
  useRingtone(view.phase === 'incoming');
  const answering = view.phase === 'answering';
  return (
    <div class="modal-backdrop">
      <div
        class="incoming"
        role="dialog"
        aria-modal="true"
        aria-labelledby="incoming-title"
        data-testid="incoming-call"
      >
        <p class="hint">Incoming call</p>
        <h2 id="incoming-title" data-testid="caller-name">
          {name}
        </h2>
        <p data-testid="call-status" role="status">
          {statusText(view)}
        </p>
        <div class="actions">
          <button
            type="button"
            class="ok"
            autoFocus
            disabled={answering}
            onClick={() => void controller.answer()}
          >
            Answer
          </button>
          <button
            type="button"
            class="danger"
            disabled={answering}
            onClick={() => void controller.decline()}
          >
            Decline
          </button>
        </div>
      </div>
    </div>
  );
}

function InCall({
  controller,
  call,
  callId,
  name,
  status,
  canPoint,
  isExpert,
}: {
  controller: CallController;
  call: CallInfo;
  callId: string;
  name: string;
  status: string;
  canPoint: boolean;
  /** Experts and admins invite and record, with or without a technician in the call. */
  isExpert: boolean;
}) {
  useLocalMediaVersion(controller);
  const remote = useRemoteStream(controller);
  const remotes = useRemotes(controller);
  const media = controller.media;
  const [inviteOpen, setInviteOpen] = useState(false);
  const [callError, setCallError] = useState<string | null>(null);
  const [invitationNotice, setInvitationNotice] = useState<string | null>(null);
  useEffect(
    () =>
      controller.signaling.on(SignalingEvent.InvitationEnded, ({ callId: id, invitee, reason }) => {
        if (id !== callId) return;
        const name = invitee.displayName;
        setInvitationNotice(reason === 'Missed' ? `${name} did not answer.` : `${name} declined.`);
      }),
    [controller, callId],
  );
  const [volume, setVolume] = useState(1);
  const [busy, setBusy] = useState(false);
  const files = useSharedFiles(controller, callId);
  const glasses = useDocumentOnGlasses(controller, callId);
  const [documentsOpen, setDocumentsOpen] = useState(false);
  const remoteVideo = useMediaElement<HTMLVideoElement>(remote.stream);
  const remoteAudio = useMediaElement<HTMLAudioElement>(remote.stream);
  const selfStream = useMemo(() => media.previewStream(), [media.video]);
  const selfView = useMediaElement<HTMLVideoElement>(selfStream);
  if (remoteAudio.current) remoteAudio.current.volume = volume;

  async function toggleRecording() {
    setCallError(null);
    try {
      await controller.setRecording(!call.recording);
    } catch (e) {
      setCallError(toCallError(e).message);
    }
  }

  async function toggleWebcam() {
    setBusy(true);
    try {
      if (media.video) media.stopCamera();
      else await media.startCamera();
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="stage" aria-label={`Call with ${name}`}>
      <div class="stage-head">
        <h2>{name}</h2>
        <strong
          data-testid="call-status"
          role="status"
          class={status === 'Connected' ? 'ok' : 'warn'}
        >
          {status}
        </strong>
      </div>
      <ParticipantsBar call={call} />
      {status === 'Reconnecting…' ? (
        <p class="banner" role="alert">
          Reconnecting… the picture may freeze for a moment.
        </p>
      ) : null}
      <div class="stage-body">
        <div class="video-area">
          <video
            ref={remoteVideo}
            class="remote-video"
            data-testid="remote-video"
            autoPlay
            playsInline
            muted
          />
          {!remote.hasVideo ? <p class="no-video hint">Waiting for video…</p> : null}
          {canPoint ? (
            <PointerLayer controller={controller} callId={callId} video={remoteVideo} />
          ) : null}
          {media.video ? (
            <video
              ref={selfView}
              class="self-view"
              data-testid="local-video"
              autoPlay
              playsInline
              muted
            />
          ) : null}
        </div>
        <ChatPanel controller={controller} callId={callId} />
      </div>
      <RemoteStrip remotes={remotes.filter((r) => r.stream !== remote.stream)} />
      <audio ref={remoteAudio} data-testid="remote-audio" autoPlay />
      {callError ? <FormAlert message={callError} /> : null}
      {invitationNotice ? (
        <p class="hint" role="status" data-testid="invitation-notice">
          {invitationNotice}
        </p>
      ) : null}
      {media.error ? <FormAlert message={media.error} /> : null}
      {files.error ? <FormAlert message={files.error} /> : null}
      <div class="actions call-controls">
        {canPoint ? (
          <button
            type="button"
            disabled={files.waiting}
            onClick={() => void files.requestSnapshot()}
          >
            Snapshot
          </button>
        ) : null}
        {canPoint ? (
          <button
            type="button"
            aria-expanded={documentsOpen}
            onClick={() => setDocumentsOpen(!documentsOpen)}
          >
            Documents
          </button>
        ) : null}
        {files.offered ? (
          <button type="button" data-testid="open-offered-snapshot" onClick={files.openOffered}>
            Open new snapshot
          </button>
        ) : null}
        {files.waiting ? (
          <span class="hint" role="status" data-testid="snapshot-waiting">
            Waiting for the snapshot…
          </span>
        ) : null}
        {isExpert ? (
          <button
            type="button"
            aria-expanded={inviteOpen}
            onClick={() => setInviteOpen(!inviteOpen)}
          >
            Invite
          </button>
        ) : null}
        {isExpert ? (
          <button
            type="button"
            class={call.recording ? 'danger' : ''}
            onClick={() => void toggleRecording()}
          >
            {call.recording ? 'Stop recording' : 'Record'}
          </button>
        ) : null}
        <button type="button" class="secondary" onClick={() => media.setMuted(!media.muted)}>
          {media.muted ? 'Unmute' : 'Mute'}
        </button>
        <button type="button" class="secondary" disabled={busy} onClick={() => void toggleWebcam()}>
          {media.video ? 'Stop webcam' : 'Share webcam'}
        </button>
        <label class="volume">
          Volume
          <input
            type="range"
            min={0}
            max={1}
            step={0.05}
            value={volume}
            aria-label="Volume"
            onInput={(e) => setVolume(Number(e.currentTarget.value))}
          />
        </label>
        <button type="button" class="danger" onClick={() => void controller.hangUp()}>
          Hang up
        </button>
      </div>
      {isExpert && inviteOpen ? (
        <>
          <InvitePanel controller={controller} call={call} onClose={() => setInviteOpen(false)} />
        </>
      ) : null}
      {canPoint ? <ShownDocumentBar glasses={glasses} /> : null}
      <GuestInvites callId={callId} />
      {canPoint && documentsOpen ? (
        <DocumentsPanel callId={callId} glasses={glasses} onClose={() => setDocumentsOpen(false)} />
      ) : null}
      {files.editing ? (
        <SnapshotEditor
          key={files.editing}
          controller={controller}
          callId={callId}
          fileId={files.editing}
          onClose={files.close}
          onShown={glasses.forget}
        />
      ) : null}
    </section>
  );
}
