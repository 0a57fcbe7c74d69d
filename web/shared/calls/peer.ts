// One RTCPeerConnection for one call: "perfect negotiation" (either side may renegotiate;
// the callee is polite), remote candidates held until the remote description is set, and
// ICE restarts with fresh TURN credentials.
import { TypedEmitter } from './emitter';
import {
  CandidateBuffer,
  directionFor,
  isOfferCollision,
  sdpFingerprint,
  shouldIgnoreOffer,
  shouldRestartIce,
  summarizeStats,
  type MediaFlowSummary,
} from './negotiation';
import type { SignalKind, SignalMessage } from './types';

export type MediaKind = 'audio' | 'video';

export interface PeerOptions {
  callId: string;
  iceServers: RTCIceServer[];
  /** Only TURN relays (tests of the relay path: `?relay=1`). */
  relayOnly: boolean;
  /** The offerer (caller) creates the first offer and restarts ICE; the other side is polite. */
  isOfferer: boolean;
  send: (kind: SignalKind, payload: string) => void;
  /** Fresh ICE servers before an ICE restart (TURN credentials expire). */
  fetchIceServers: () => Promise<RTCIceServer[]>;
  /** How long 'disconnected' may last before the offerer restarts ICE. */
  disconnectedGraceMs?: number;
}

export const PeerEvent = {
  ConnectionState: 'connectionState',
  RemoteTracks: 'remoteTracks',
} as const;

export interface PeerEvents {
  [PeerEvent.ConnectionState]: RTCPeerConnectionState;
  /** A remote track was added, muted or unmuted. */
  [PeerEvent.RemoteTracks]: MediaStream;
}

interface LocalTrack {
  track: MediaStreamTrack | null;
  send: boolean;
}

const minRestartIntervalMs = 2_000;

export class Peer extends TypedEmitter<PeerEvents> {
  readonly pc: RTCPeerConnection;
  readonly callId: string;
  readonly isOfferer: boolean;
  readonly remoteStream = new MediaStream();
  private readonly options: PeerOptions;
  private readonly candidates = new CandidateBuffer();
  private readonly local: Record<MediaKind, LocalTrack> = {
    audio: { track: null, send: false },
    video: { track: null, send: false },
  };
  private makingOffer = false;
  private ignoreOffer = false;
  private settingRemoteAnswerPending = false;
  private queue: Promise<void> = Promise.resolve();
  private disconnectedTimer: ReturnType<typeof setTimeout> | undefined;
  private disconnectedSince = 0;
  private lastRestart = 0;
  private closed = false;

  constructor(options: PeerOptions) {
    super();
    this.options = options;
    this.callId = options.callId;
    this.isOfferer = options.isOfferer;
    this.pc = new RTCPeerConnection({
      iceServers: options.iceServers,
      iceTransportPolicy: options.relayOnly ? 'relay' : 'all',
      bundlePolicy: 'max-bundle',
    });
    if (this.isOfferer) {
      // One audio and one video m-line from the start, whatever is sent later: adding or
      // removing the expert's webcam is then a direction change, never a new m-line.
      this.pc.addTransceiver('audio', { direction: 'recvonly' });
      this.pc.addTransceiver('video', { direction: 'recvonly' });
    }
    this.pc.onnegotiationneeded = () => void this.negotiate();
    this.pc.onicecandidate = ({ candidate }) => {
      if (candidate) this.options.send('Candidate', JSON.stringify(candidate.toJSON()));
    };
    this.pc.ontrack = ({ track }) => this.addRemoteTrack(track);
    this.pc.oniceconnectionstatechange = () => this.watchIce();
    this.pc.onconnectionstatechange = () =>
      this.emit(PeerEvent.ConnectionState, this.pc.connectionState);
  }

  get polite(): boolean {
    return !this.isOfferer;
  }

  /** What we send of one kind; `send` false (or no track) makes the transceiver recvonly. */
  setLocalTrack(kind: MediaKind, track: MediaStreamTrack | null, send: boolean): void {
    this.local[kind] = { track, send };
    this.applyLocal(kind);
  }

  /**
   * True when an offer comes from a new peer connection on the other side (it reloaded):
   * its DTLS certificate differs from the one we talk to. Answering it from this connection
   * would need a DTLS restart, which takes seconds; a fresh connection takes a moment.
   */
  isFromNewRemote(offerSdp: string): boolean {
    const current = sdpFingerprint(this.pc.remoteDescription?.sdp);
    const next = sdpFingerprint(offerSdp);
    return current !== null && next !== null && current !== next;
  }

  /** Feeds a signalling message from the other side; messages are handled in order. */
  handleSignal(message: SignalMessage): Promise<void> {
    this.queue = this.queue
      .then(() => this.process(message))
      .catch((error: unknown) => console.warn('Signal failed', message.kind, error));
    return this.queue;
  }

  /** Restarts ICE with fresh servers (network change, failure, the other side came back). */
  async restartIce(): Promise<void> {
    if (this.closed) return;
    const now = Date.now();
    if (now - this.lastRestart < minRestartIntervalMs) return;
    this.lastRestart = now;
    try {
      const iceServers = await this.options.fetchIceServers();
      if (this.closed) return;
      this.pc.setConfiguration({ ...this.pc.getConfiguration(), iceServers });
    } catch (error) {
      console.warn('Could not refresh ICE servers; restarting with the old ones', error);
    }
    if (!this.closed) this.pc.restartIce();
  }

  async stats(): Promise<MediaFlowSummary> {
    const report = await this.pc.getStats();
    return summarizeStats(
      report.values() as Iterable<Record<string, unknown> & { type: string; id: string }>,
    );
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.disconnectedTimer);
    this.candidates.clear();
    this.pc.onnegotiationneeded = null;
    this.pc.onicecandidate = null;
    this.pc.ontrack = null;
    this.pc.oniceconnectionstatechange = null;
    this.pc.onconnectionstatechange = null;
    this.pc.close();
    this.removeAll();
  }

  private transceiver(kind: MediaKind): RTCRtpTransceiver | undefined {
    return this.pc
      .getTransceivers()
      .find((t) => t.receiver.track.kind === kind && t.currentDirection !== 'stopped');
  }

  private applyLocal(kind: MediaKind): void {
    if (this.closed) return;
    // The polite side has no transceivers until the first offer creates them; the local
    // tracks are attached then, before the answer.
    const transceiver = this.transceiver(kind);
    if (!transceiver) return;
    const { track, send } = this.local[kind];
    if (transceiver.sender.track !== track) {
      transceiver.sender.replaceTrack(track).catch((error: unknown) => {
        console.warn('replaceTrack failed', kind, error);
      });
    }
    const direction = directionFor(send && track !== null);
    if (transceiver.direction !== direction) transceiver.direction = direction;
  }

  private async negotiate(): Promise<void> {
    if (this.closed) return;
    // The callee waits for the caller's first offer, so both agree on one m-line per kind.
    if (!this.isOfferer && !this.pc.remoteDescription) return;
    try {
      this.makingOffer = true;
      await this.pc.setLocalDescription();
      const sdp = this.pc.localDescription?.sdp;
      if (sdp && !this.closed) this.options.send('Offer', sdp);
    } catch (error) {
      console.warn('Creating an offer failed', error);
    } finally {
      this.makingOffer = false;
    }
  }

  private async process(message: SignalMessage): Promise<void> {
    if (this.closed) return;
    if (message.kind === 'Candidate') {
      const candidate = JSON.parse(message.payload) as RTCIceCandidateInit;
      if (this.candidates.hold(candidate, this.pc.remoteDescription !== null)) return;
      await this.addCandidate(candidate);
      return;
    }
    const description: RTCSessionDescriptionInit = {
      type: message.kind === 'Offer' ? 'offer' : 'answer',
      sdp: message.payload,
    };
    const collision =
      description.type === 'offer' &&
      isOfferCollision({
        makingOffer: this.makingOffer,
        signalingState: this.pc.signalingState,
        isSettingRemoteAnswerPending: this.settingRemoteAnswerPending,
      });
    this.ignoreOffer = shouldIgnoreOffer(this.polite, collision);
    if (this.ignoreOffer) return;
    if (description.type === 'answer' && this.pc.signalingState !== 'have-local-offer') {
      return; // a late answer to an offer that was rolled back or superseded
    }

    this.settingRemoteAnswerPending = description.type === 'answer';
    try {
      // For the polite side in a collision this rolls back our own offer implicitly.
      await this.pc.setRemoteDescription(description);
    } finally {
      this.settingRemoteAnswerPending = false;
    }
    if (description.type === 'offer') {
      this.applyLocal('audio');
      this.applyLocal('video');
      await this.pc.setLocalDescription();
      const sdp = this.pc.localDescription?.sdp;
      if (sdp && !this.closed) this.options.send('Answer', sdp);
    }
    for (const held of this.candidates.drain()) await this.addCandidate(held);
  }

  private async addCandidate(candidate: RTCIceCandidateInit): Promise<void> {
    try {
      await this.pc.addIceCandidate(candidate);
    } catch (error) {
      // Candidates of an ignored offer, or of an ICE generation that was restarted, fail
      // harmlessly; anything else is worth a line in the console.
      if (!this.ignoreOffer) console.debug('addIceCandidate failed', error);
    }
  }

  private addRemoteTrack(track: MediaStreamTrack): void {
    if (!this.remoteStream.getTracks().includes(track)) {
      for (const old of this.remoteStream.getTracks()) {
        if (old.kind === track.kind) this.remoteStream.removeTrack(old);
      }
      this.remoteStream.addTrack(track);
      const changed = () => this.emit(PeerEvent.RemoteTracks, this.remoteStream);
      track.addEventListener('mute', changed);
      track.addEventListener('unmute', changed);
      track.addEventListener('ended', changed);
    }
    this.emit(PeerEvent.RemoteTracks, this.remoteStream);
  }

  private watchIce(): void {
    const state = this.pc.iceConnectionState;
    const grace = this.options.disconnectedGraceMs ?? 3_000;
    clearTimeout(this.disconnectedTimer);
    if (state === 'disconnected') {
      this.disconnectedSince = Date.now();
      this.disconnectedTimer = setTimeout(() => {
        const since = Date.now() - this.disconnectedSince;
        if (shouldRestartIce(this.isOfferer, this.pc.iceConnectionState, since, grace)) {
          void this.restartIce();
        }
      }, grace);
    } else if (shouldRestartIce(this.isOfferer, state, 0, grace)) {
      void this.restartIce();
    }
  }
}
