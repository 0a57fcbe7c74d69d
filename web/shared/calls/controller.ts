// Ties the hub, the call state and the peer connection together for one signed-in user
// (or device). The apps render `view` and call the action methods; nothing here is UI.
import { TypedEmitter } from './emitter';
import { toCallError } from './errors';
import type { LocalMedia } from './localMedia';
import { Peer, PeerEvent } from './peer';
import { RoutedEvent, RoutedSession, type RemoteParticipant } from './routed';
import { BackoffReconnectPolicy } from './reconnectPolicy';
import { SessionSignaling, SignalingEvent } from './signaling';
import { callReducer, hasCall, initialCallView, type CallAction, type CallView } from './callState';
import {
  toRtcIceServer,
  type CallConnection,
  type CallInfo,
  type Contact,
  type MediaOffer,
  type SignalMessage,
  type StartCallRequest,
} from './types';

export interface CallControllerOptions {
  /** The signed-in user (the technician for a device): tells caller from callee. */
  selfUserId: string;
  media: LocalMedia;
  /** Only TURN relays (`?relay=1`). */
  relayOnly?: boolean;
  /** Answer every incoming call at once (`?autoanswer=1`, used by the benchmark). */
  autoAnswer?: boolean;
  signaling?: SessionSignaling;
}

export interface CallControllerEvents {
  view: CallView;
  /** The peer connection was created, replaced or closed. */
  peer: Peer | null;
  /** The main remote stream's tracks changed (added, muted, unmuted): the technician's for an
   * expert, the first expert's for the technician. */
  remote: MediaStream | null;
  /** Everyone else's media in a ROUTED call (empty in a peer-to-peer call). */
  remotes: RemoteParticipant[];
  presence: Contact;
}

/** `?relay=1` and `?autoanswer=1` from the page URL (test and benchmark switches). */
export function urlFlags(search = globalThis.location?.search ?? '') {
  const params = new URLSearchParams(search);
  return { relayOnly: params.get('relay') === '1', autoAnswer: params.get('autoanswer') === '1' };
}

export class CallController extends TypedEmitter<CallControllerEvents> {
  readonly signaling: SessionSignaling;
  readonly media: LocalMedia;
  view: CallView = initialCallView;
  peer: Peer | null = null;
  /** The media of a ROUTED call (instead of `peer`). */
  routed: RoutedSession | null = null;
  /** Offers that arrive before the routed session exists. */
  private pendingOffers: MediaOffer[] = [];
  /** Stops the peer connection's state reaching the view (while it hands over to the media server). */
  private peerStateOff: (() => void) | null = null;
  private handoverTimer: ReturnType<typeof setTimeout> | undefined;
  /** When routed media last started over: several connections breaking at once start it over once. */
  private lastRoutedRestart = 0;
  private readonly options: CallControllerOptions;
  /** Signals that arrive before the peer exists (e.g. candidates racing AcceptCall's result). */
  private pendingSignals: SignalMessage[] = [];
  /** Hub events that arrive while StartCall's result is still on its way. */
  private earlyEvents: (() => void)[] = [];
  private readonly cleanups: (() => void)[] = [];
  private disposed = false;

  constructor(options: CallControllerOptions) {
    super();
    this.options = options;
    this.media = options.media;
    this.signaling =
      options.signaling ??
      new SessionSignaling({
        policy: new BackoffReconnectPolicy({ keepTrying: () => hasCall(this.view) }),
      });
  }

  /** Connects to the hub and picks up a call that survived a reload. */
  start(): void {
    const s = this.signaling;
    this.cleanups.push(
      s.on(SignalingEvent.Connected, ({ reconnected }) => {
        this.dispatch({ type: 'signaling', up: true });
        void this.resume(reconnected);
      }),
      s.on(SignalingEvent.Reconnecting, () => this.dispatch({ type: 'signaling', up: false })),
      s.on(SignalingEvent.Disconnected, () => this.dispatch({ type: 'signaling', up: false })),
      s.on(SignalingEvent.PresenceChanged, (contact) => this.emit('presence', contact)),
      s.on(SignalingEvent.IncomingCall, (call) => this.onIncoming(call)),
      s.on(SignalingEvent.CallAccepted, (connection) =>
        this.whenDialed(() => this.onConnection(connection)),
      ),
      s.on(SignalingEvent.CallEnded, (call) => this.whenDialed(() => this.onEnded(call))),
      s.on(SignalingEvent.Signal, (message) => this.onSignal(message)),
      s.on(SignalingEvent.PeerReconnecting, (callId) =>
        this.dispatch({ type: 'peerAway', callId }),
      ),
      s.on(SignalingEvent.PeerResumed, (callId) => {
        this.dispatch({ type: 'peerBack', callId });
        if (this.peer?.callId === callId && this.peer.isOfferer) void this.peer.restartIce();
      }),
      s.on(SignalingEvent.CallUpdated, (call) => this.onUpdated(call)),
      s.on(SignalingEvent.MediaOffered, (offer) => this.onMediaOffered(offer)),
      s.on(SignalingEvent.MediaEnded, ({ callId, streamId }) => {
        if (this.routed?.callId === callId) this.routed.ended(streamId);
      }),
      s.on(SignalingEvent.MediaReset, (callId) => {
        if (this.routed?.callId === callId) void this.routed.reset();
      }),
      this.media.on('changed', () => this.applyMedia()),
    );

    const onNetworkChange = () => {
      if (this.signaling.status === 'disconnected') void this.signaling.start();
      // Either side may restart ICE: perfect negotiation settles a collision. Routed: start the media over.
      void this.peer?.restartIce();
      if (this.routed) this.restartRouted();
    };
    addEventListener('online', onNetworkChange);
    this.cleanups.push(() => removeEventListener('online', onNetworkChange));
    const connection = (navigator as { connection?: EventTarget }).connection;
    if (connection?.addEventListener) {
      connection.addEventListener('change', onNetworkChange);
      this.cleanups.push(() => connection.removeEventListener('change', onNetworkChange));
    }
    void s.start();
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    this.cleanups.splice(0).forEach((cleanup) => cleanup());
    this.closePeer();
    this.media.stop();
    this.removeAll();
    await this.signaling.stop();
  }

  /** Reconnects by hand after the connection gave up. */
  reconnect(): void {
    void this.signaling.start();
  }

  getContacts(): Promise<Contact[]> {
    return this.signaling.getContacts();
  }

  async call(request: StartCallRequest): Promise<void> {
    if (this.view.phase !== 'idle') return;
    this.dispatch({ type: 'dialing' });
    const media = this.media.start();
    try {
      const call = await this.signaling.startCall(request);
      this.dispatch({ type: 'dialed', call });
      this.earlyEvents.splice(0).forEach((replay) => replay());
      await media;
      if (!hasCall(this.view)) this.media.stop(); // ended while the camera was opening
    } catch (error) {
      this.earlyEvents = [];
      this.media.stop();
      this.dispatch({ type: 'failed', message: toCallError(error).message });
    }
  }

  async cancel(): Promise<void> {
    const call = this.view.call;
    if (!call || this.view.phase !== 'outgoing') return;
    this.endLocally('Cancelled');
    await this.signaling.cancelCall(call.callId).catch((e: unknown) => console.warn(e));
  }

  async answer(): Promise<void> {
    const call = this.view.call;
    if (!call || this.view.phase !== 'incoming') return;
    this.dispatch({ type: 'answering' });
    // Camera and microphone first, so the first answer already carries them.
    await this.media.start();
    if (!this.isCurrent(call.callId, 'answering')) return; // declined or ended meanwhile
    try {
      this.onConnection(await this.signaling.acceptCall(call.callId));
    } catch (error) {
      this.media.stop();
      this.dispatch({ type: 'failed', message: toCallError(error).message });
    }
  }

  async decline(): Promise<void> {
    const call = this.view.call;
    if (!call || this.view.phase !== 'incoming') return;
    this.endLocally('Declined');
    await this.signaling.declineCall(call.callId).catch((e: unknown) => console.warn(e));
  }

  async hangUp(): Promise<void> {
    const call = this.view.call;
    if (!call) return;
    if (this.view.phase === 'outgoing') return this.cancel();
    if (this.view.phase === 'incoming') return this.decline();
    this.endLocally('HungUp');
    await this.signaling.hangUp(call.callId).catch((e: unknown) => console.warn(e));
  }

  /** Rings another user into this call (experts). Throws CallError with the server's sentence. */
  async invite(userId: string): Promise<void> {
    const call = this.view.call;
    if (!call || this.view.phase !== 'active') return;
    await this.signaling.inviteToCall({ callId: call.callId, userId });
  }

  /** Starts or stops the server's recording of this call (experts). */
  async setRecording(on: boolean): Promise<void> {
    const call = this.view.call;
    if (!call || this.view.phase !== 'active') return;
    if (on) await this.signaling.startRecording(call.callId);
    else await this.signaling.stopRecording(call.callId);
  }

  /** Clears the last call's outcome or error. */
  dismiss(): void {
    this.dispatch({ type: 'dismiss' });
  }

  private isCurrent(callId: string, phase: CallView['phase']): boolean {
    return this.view.phase === phase && this.view.call?.callId === callId;
  }

  private dispatch(action: CallAction): void {
    const next = callReducer(this.view, action);
    if (next === this.view) return;
    this.view = next;
    this.emit('view', next);
  }

  /** Replays CallAccepted/CallEnded that overtook StartCall's own result. */
  private whenDialed(handle: () => void): void {
    if (this.view.phase === 'dialing') this.earlyEvents.push(handle);
    else handle();
  }

  private onIncoming(call: CallInfo): void {
    this.dispatch({ type: 'incoming', call });
    if (this.options.autoAnswer && this.view.call?.callId === call.callId) void this.answer();
  }

  private onConnection(connection: CallConnection): void {
    const current = this.view.call;
    if (current && current.callId !== connection.call.callId) return;
    this.dispatch({ type: 'connection', connection });
    this.connectMedia(connection);
  }

  /** Peer to peer, or through the media server. */
  private connectMedia(connection: CallConnection): void {
    if (connection.call.mode === 'Routed') this.createRouted(connection);
    else this.createPeer(connection);
  }

  private onUpdated(call: CallInfo): void {
    this.dispatch({ type: 'updated', call });
    // A third participant joined (or recording began): the call moved to the media server.
    if (
      call.mode === 'Routed' &&
      this.view.phase === 'active' &&
      this.view.call?.callId === call.callId &&
      this.routed?.callId !== call.callId
    ) {
      // The peer-to-peer picture stays until the media server's arrives: no gap.
      this.createRouted({ call, iceServers: this.view.iceServers, isOfferer: false }, true);
    }
  }

  private onMediaOffered(offer: MediaOffer): void {
    if (this.routed?.callId === offer.callId) {
      void this.routed.receive(offer).catch((e: unknown) => console.warn('Receiving failed', e));
    } else if (this.view.call?.callId === offer.callId) {
      this.pendingOffers.push(offer);
    }
  }

  private onEnded(call: CallInfo): void {
    if (this.view.call?.callId !== call.callId) return;
    this.dispatch({ type: 'ended', call });
    if (this.view.call === null) this.finish();
  }

  private onSignal(message: SignalMessage): void {
    const peer = this.peer;
    if (
      peer?.callId === message.callId &&
      message.kind === 'Offer' &&
      peer.isFromNewRemote(message.payload) &&
      this.view.call?.callId === message.callId
    ) {
      // The other side reloaded and offers from a fresh connection: meet it with one too.
      this.createPeer({
        call: this.view.call,
        iceServers: this.view.iceServers,
        isOfferer: peer.isOfferer,
      });
    }
    if (this.peer?.callId === message.callId) {
      void this.peer.handleSignal(message);
    } else if (this.view.call?.callId === message.callId) {
      this.pendingSignals.push(message);
    }
  }

  /** After connecting (a reload) or reconnecting: is our call still there? */
  private async resume(reconnected: boolean): Promise<void> {
    let connection: CallConnection | null;
    try {
      connection = await this.signaling.resumeCall();
    } catch (error) {
      console.warn('ResumeCall failed', error);
      return;
    }
    if (this.disposed) return;
    if (!connection) {
      // The call ended while we were away; we missed its CallEnded.
      if (this.view.phase === 'active' || this.view.phase === 'outgoing') {
        this.endLocally('ConnectionLost');
      }
      return;
    }
    const { call } = connection;
    if (call.state === 'Ringing') {
      const outgoing = call.caller.userId === this.options.selfUserId;
      if (this.view.call?.callId !== call.callId) {
        this.dispatch({ type: 'ringing', call, outgoing });
      }
      return;
    }
    if (call.state !== 'Active') return;
    const keep = reconnected && this.peer?.callId === call.callId && call.mode !== 'Routed';
    this.dispatch({ type: 'connection', connection });
    if (call.mode === 'Routed') {
      // The server dropped what this connection published before: publish afresh.
      void this.media.start();
      this.createRouted(connection);
    } else if (keep && this.peer) {
      // Same page, new hub connection: the media path may be fine; restart ICE anyway in
      // case our address changed.
      if (connection.isOfferer) void this.peer.restartIce();
    } else {
      // A reload: a new peer connection; the offerer's new offer reaches the other side.
      void this.media.start();
      this.createPeer(connection);
    }
  }

  private createPeer(connection: CallConnection): void {
    this.closePeer();
    const callId = connection.call.callId;
    const peer = new Peer({
      callId,
      iceServers: connection.iceServers.map(toRtcIceServer),
      relayOnly: this.options.relayOnly ?? false,
      isOfferer: connection.isOfferer,
      send: (kind, payload) => {
        this.signaling
          .sendSignal({ callId, kind, payload })
          .catch((error: unknown) => console.warn('SendSignal failed', kind, error));
      },
      fetchIceServers: async () => (await this.signaling.getIceServers(callId)).map(toRtcIceServer),
    });
    this.peerStateOff = peer.on(PeerEvent.ConnectionState, (state) =>
      this.dispatch({ type: 'media', state }),
    );
    peer.on(PeerEvent.RemoteTracks, (stream) => this.emit('remote', stream));
    this.peer = peer;
    this.applyMedia();
    this.emit('peer', peer);
    const pending = this.pendingSignals.filter((m) => m.callId === callId);
    this.pendingSignals = [];
    for (const message of pending) void peer.handleSignal(message);
  }

  /**
   * Media through the media server. `handover`: a peer-to-peer call moving there keeps its peer
   * connection (and its picture) until the routed media of the main participant arrives, or 10 s.
   */
  private createRouted(connection: CallConnection, handover = false): void {
    if (handover && this.peer) {
      this.closeRouted();
      this.peerStateOff?.();
      this.peerStateOff = null;
      clearTimeout(this.handoverTimer);
      this.handoverTimer = setTimeout(() => this.retirePeer(), 10_000);
    } else {
      this.closePeer();
    }
    const callId = connection.call.callId;
    const routed = new RoutedSession({
      callId,
      iceServers: connection.iceServers.map(toRtcIceServer),
      relayOnly: this.options.relayOnly ?? false,
      signaling: this.signaling,
    });
    routed.on(RoutedEvent.ConnectionState, (state) => this.dispatch({ type: 'media', state }));
    routed.on(RoutedEvent.Remotes, (remotes) => {
      const main = this.mainRemote(remotes);
      if (this.peer) {
        // Handing over: nothing routed is shown (or heard twice) until the main participant's media flows.
        if (!main?.getTracks().some((t) => !t.muted)) return;
        this.retirePeer();
      }
      this.emit('remotes', remotes);
      this.emit('remote', main);
    });
    // A broken path to the media server (network change): start this participant's media over, as after a reload.
    routed.on(RoutedEvent.Broken, () => {
      if (this.routed === routed) this.restartRouted();
    });
    // The call goes on (the server keeps it); the view shows the media as interrupted while it retries.
    routed.on(RoutedEvent.Failed, (message) => {
      console.warn('Publishing to the media server keeps failing; retrying', message);
      this.dispatch({ type: 'media', state: 'failed' });
    });
    this.routed = routed;
    this.applyMedia();
    const pending = this.pendingOffers.filter((o) => o.callId === callId);
    this.pendingOffers = [];
    void this.media.start().then(() => {
      this.applyMedia();
      return routed.publish();
    });
    for (const offer of pending) void routed.receive(offer);
  }

  /** Starts this participant's routed media over (the server drops what it published), at most every 3 s. */
  private restartRouted(): void {
    const now = Date.now();
    if (this.signaling.status !== 'connected' || now - this.lastRoutedRestart < 3_000) return;
    this.lastRoutedRestart = now;
    void this.resume(true);
  }

  /** The peer connection of a call that moved to the media server: no longer needed. */
  private retirePeer(): void {
    clearTimeout(this.handoverTimer);
    if (!this.peer) return;
    this.peerStateOff?.();
    this.peerStateOff = null;
    this.peer.close();
    this.peer = null;
    this.emit('peer', null);
    if (this.routed) {
      this.emit('remotes', this.routed.remotes);
      this.emit('remote', this.mainRemoteStream());
    }
  }

  /** The main received stream of a ROUTED call, if any. */
  mainRemoteStream(): MediaStream | null {
    return this.routed ? this.mainRemote(this.routed.remotes) : null;
  }

  /** The technician's stream for an expert; the first expert's for the technician. */
  private mainRemote(remotes: RemoteParticipant[]): MediaStream | null {
    const technician = remotes.find((r) => r.participant.role === 'Technician');
    return (technician ?? remotes[0])?.stream ?? null;
  }

  private applyMedia(): void {
    for (const target of [this.peer, this.routed]) {
      target?.setLocalTrack('audio', this.media.audio, true);
      target?.setLocalTrack('video', this.media.video, this.media.sendingVideo);
    }
  }

  private endLocally(reason: 'Cancelled' | 'Declined' | 'HungUp' | 'ConnectionLost'): void {
    this.dispatch({ type: 'localEnded', reason });
    this.finish();
  }

  private finish(): void {
    this.pendingSignals = [];
    this.pendingOffers = [];
    this.closePeer();
    this.media.stop();
  }

  private closePeer(): void {
    this.closeRouted();
    clearTimeout(this.handoverTimer);
    this.peerStateOff?.();
    this.peerStateOff = null;
    if (!this.peer) return;
    this.peer.close();
    this.peer = null;
    this.emit('peer', null);
    this.emit('remote', null);
  }

  private closeRouted(): void {
    if (!this.routed) return;
    this.routed.close();
    this.routed = null;
    this.emit('remotes', []);
    this.emit('remote', null);
  }
}

/** Test hook (tiny, read-only): E2E tests read getStats() of the live peer connection. */
export function exposeTestHook(controller: CallController): () => void {
  const hook = {
    pc: () => controller.peer?.pc ?? controller.routed?.publisher ?? null,
    /** Every connection of the call: the peer connection, or the routed ones. */
    pcs: () => (controller.peer ? [controller.peer.pc] : (controller.routed?.connections ?? [])),
  };
  (globalThis as { __rsCall?: typeof hook }).__rsCall = hook;
  return () => {
    const g = globalThis as { __rsCall?: typeof hook };
    if (g.__rsCall === hook) delete g.__rsCall;
  };
}
