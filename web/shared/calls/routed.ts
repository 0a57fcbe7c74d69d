// The media of a ROUTED call: one connection publishing our camera and microphone to the
// media server, and one receiving connection per other participant. The server relays every
// SDP and candidate and names each connection with a stream id; we never see the media
// server itself.
import { TypedEmitter } from './emitter';
import type { MediaKind } from './peer';
import type {
  CallParticipant,
  MediaAnswer,
  MediaCandidate,
  MediaOffer,
  PublishRequest,
} from './types';

/** The hub calls a routed session needs (SessionSignaling has them). */
export interface RoutedSignaling {
  publishMedia(request: PublishRequest): Promise<MediaAnswer>;
  answerMedia(answer: MediaAnswer): Promise<void>;
  sendMediaCandidate(candidate: MediaCandidate): Promise<void>;
}

export interface RoutedOptions {
  callId: string;
  iceServers: RTCIceServer[];
  relayOnly: boolean;
  signaling: RoutedSignaling;
  /** Waits between attempts to publish while the media server restarts. */
  retryDelaysMs?: number[];
}

/** Another participant's media as we receive it. */
export interface RemoteParticipant {
  participant: CallParticipant;
  stream: MediaStream;
  streamId: string;
}

export const RoutedEvent = {
  /** The received participants changed (joined, left, a track arrived). */
  Remotes: 'remotes',
  /** The state of our publishing connection. */
  ConnectionState: 'connectionState',
  /** Publishing keeps failing (the message says why); it goes on trying while the call lasts. */
  Failed: 'failed',
  /** A connection to the media server broke (network change, lost path): the call's media must start over. */
  Broken: 'broken',
} as const;

export interface RoutedEvents {
  [RoutedEvent.Remotes]: RemoteParticipant[];
  [RoutedEvent.ConnectionState]: RTCPeerConnectionState;
  [RoutedEvent.Failed]: string;
  [RoutedEvent.Broken]: void;
}

interface Receiving extends RemoteParticipant {
  pc: RTCPeerConnection;
}

const defaultRetryDelaysMs = [500, 1_000, 2_000, 3_000, 5_000, 5_000, 5_000, 5_000];

export class RoutedSession extends TypedEmitter<RoutedEvents> {
  readonly callId: string;
  publisher: RTCPeerConnection | null = null;
  private readonly options: RoutedOptions;
  private readonly receiving = new Map<string, Receiving>();
  private readonly local: Record<MediaKind, { track: MediaStreamTrack | null; send: boolean }> = {
    audio: { track: null, send: false },
    video: { track: null, send: false },
  };
  private senders: Partial<Record<MediaKind, RTCRtpSender>> = {};
  private generation = 0;
  private closed = false;

  constructor(options: RoutedOptions) {
    super();
    this.options = options;
    this.callId = options.callId;
  }

  /** Every connection of this session, for statistics. */
  get connections(): RTCPeerConnection[] {
    const all = [...this.receiving.values()].map((r) => r.pc);
    return this.publisher ? [this.publisher, ...all] : all;
  }

  get remotes(): RemoteParticipant[] {
    return [...this.receiving.values()].map(({ participant, stream, streamId }) => ({
      participant,
      stream,
      streamId,
    }));
  }

  /** What we send of one kind; switching camera or muting replaces the track, no renegotiation. */
  setLocalTrack(kind: MediaKind, track: MediaStreamTrack | null, send: boolean): void {
    this.local[kind] = { track, send };
    const sender = this.senders[kind];
    if (sender) void sender.replaceTrack(send ? track : null).catch(() => undefined);
  }

  /** Publishes (again, after a media server restart), retrying until it works or the session closes. */
  async publish(): Promise<void> {
    const generation = ++this.generation;
    const delays = this.options.retryDelaysMs ?? defaultRetryDelaysMs;
    for (let attempt = 0; ; attempt++) {
      if (this.closed || generation !== this.generation) return;
      try {
        await this.publishOnce(generation);
        return;
      } catch (error) {
        if (this.closed || generation !== this.generation) return;
        // The media server may take a while to come back: say so once, and keep trying while the call lasts.
        if (attempt === delays.length) this.emit(RoutedEvent.Failed, (error as Error).message);
        const delay = delays[Math.min(attempt, delays.length - 1)] ?? 5_000;
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }

  private async publishOnce(generation: number): Promise<void> {
    this.closePublisher();
    const pc = this.newConnection();
    this.publisher = pc;
    this.senders = {
      audio: pc.addTransceiver('audio', { direction: 'sendonly' }).sender,
      video: pc.addTransceiver('video', { direction: 'sendonly' }).sender,
    };
    for (const kind of ['audio', 'video'] as const) {
      const { track, send } = this.local[kind];
      if (track && send) await this.senders[kind]?.replaceTrack(track);
    }
    let streamId: string | null = null;
    const early: (string | null)[] = [];
    pc.onicecandidate = ({ candidate }) => {
      const json = candidate ? JSON.stringify(candidate.toJSON()) : null;
      if (streamId) this.sendCandidate(streamId, json);
      else early.push(json);
    };
    pc.onconnectionstatechange = () => {
      if (this.publisher !== pc) return;
      this.emit(RoutedEvent.ConnectionState, pc.connectionState);
      if (pc.connectionState === 'failed') this.emit(RoutedEvent.Broken, undefined);
    };
    const offer = await pc.createOffer();
    await pc.setLocalDescription(offer);
    const answer = await this.options.signaling.publishMedia({
      callId: this.callId,
      sdp: offer.sdp ?? '',
    });
    if (this.closed || generation !== this.generation || this.publisher !== pc) return;
    await pc.setRemoteDescription({ type: 'answer', sdp: answer.sdp });
    streamId = answer.streamId;
    for (const json of early.splice(0)) this.sendCandidate(answer.streamId, json);
  }

  /** The media server offers another participant's stream: answer and receive it. */
  async receive(offer: MediaOffer): Promise<void> {
    if (this.closed) return;
    this.dropReceiving(offer.streamId);
    const pc = this.newConnection();
    const stream = new MediaStream();
    const entry: Receiving = { participant: offer.source, stream, streamId: offer.streamId, pc };
    // One received stream per participant: a newer one (they republished) replaces the old.
    for (const [id, other] of this.receiving) {
      if (other.participant.userId === offer.source.userId) this.dropReceiving(id);
    }
    this.receiving.set(offer.streamId, entry);
    pc.ontrack = ({ track }) => {
      stream.addTrack(track);
      track.onunmute = () => this.emitRemotes();
      this.emitRemotes();
    };
    pc.onicecandidate = ({ candidate }) =>
      this.sendCandidate(offer.streamId, candidate ? JSON.stringify(candidate.toJSON()) : null);
    pc.onconnectionstatechange = () => {
      if (pc.connectionState === 'failed' && this.receiving.get(offer.streamId)?.pc === pc) {
        this.emit(RoutedEvent.Broken, undefined);
      }
    };
    await pc.setRemoteDescription({ type: 'offer', sdp: offer.sdp });
    const answer = await pc.createAnswer();
    await pc.setLocalDescription(answer);
    await this.options.signaling.answerMedia({
      callId: this.callId,
      streamId: offer.streamId,
      sdp: answer.sdp ?? '',
    });
    this.emitRemotes();
  }

  /** A received stream ended (its participant left). */
  ended(streamId: string): void {
    if (this.dropReceiving(streamId)) this.emitRemotes();
  }

  /** The media server restarted: everything starts over. */
  async reset(): Promise<void> {
    for (const id of [...this.receiving.keys()]) this.dropReceiving(id);
    this.emitRemotes();
    await this.publish();
  }

  close(): void {
    this.closed = true;
    this.generation++;
    this.closePublisher();
    for (const id of [...this.receiving.keys()]) this.dropReceiving(id);
    this.removeAll();
  }

  private newConnection(): RTCPeerConnection {
    return new RTCPeerConnection({
      iceServers: this.options.iceServers,
      iceTransportPolicy: this.options.relayOnly ? 'relay' : 'all',
      bundlePolicy: 'max-bundle',
    });
  }

  private sendCandidate(streamId: string, candidate: string | null): void {
    this.options.signaling
      .sendMediaCandidate({ callId: this.callId, streamId, candidate })
      .catch((error: unknown) => console.warn('SendMediaCandidate failed', error));
  }

  private dropReceiving(streamId: string): boolean {
    const entry = this.receiving.get(streamId);
    if (!entry) return false;
    entry.pc.close();
    this.receiving.delete(streamId);
    return true;
  }

  private closePublisher(): void {
    this.publisher?.close();
    this.publisher = null;
    this.senders = {};
  }

  private emitRemotes(): void {
    this.emit(RoutedEvent.Remotes, this.remotes);
  }
}
