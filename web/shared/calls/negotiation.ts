// Pure decisions of the WebRTC engine, kept apart from RTCPeerConnection so they can be tested.

/**
 * Remote ICE candidates that arrive before the remote description is set cannot be added
 * yet (addIceCandidate would throw); they wait here and are added right after it.
 */
export class CandidateBuffer<T = RTCIceCandidateInit> {
  private pending: T[] = [];

  /** True when the candidate must wait (no remote description yet), and keeps it. */
  hold(candidate: T, hasRemoteDescription: boolean): boolean {
    if (hasRemoteDescription) return false;
    this.pending.push(candidate);
    return true;
  }

  /** Everything held so far, oldest first; the buffer is empty afterwards. */
  drain(): T[] {
    const out = this.pending;
    this.pending = [];
    return out;
  }

  get size(): number {
    return this.pending.length;
  }

  clear(): void {
    this.pending = [];
  }
}

export interface CollisionInput {
  /** We are between createOffer and setLocalDescription of our own offer. */
  makingOffer: boolean;
  signalingState: RTCSignalingState;
  /** We are applying a remote answer right now (the state is about to become stable). */
  isSettingRemoteAnswerPending: boolean;
}

/** "Perfect negotiation": an incoming offer collides with ours unless we are (about to be) stable. */
export function isOfferCollision(input: CollisionInput): boolean {
  const readyForOffer =
    !input.makingOffer && (input.signalingState === 'stable' || input.isSettingRemoteAnswerPending);
  return !readyForOffer;
}

/** The impolite peer ignores a colliding offer; the polite one rolls back and takes it. */
export function shouldIgnoreOffer(polite: boolean, collision: boolean): boolean {
  return !polite && collision;
}

/** Which side restarts ICE when the connection fails, so both do not restart at once. */
export function shouldRestartIce(
  isOfferer: boolean,
  state: RTCIceConnectionState,
  disconnectedForMs: number,
  graceMs = 3_000,
): boolean {
  if (!isOfferer) return false;
  if (state === 'failed') return true;
  return state === 'disconnected' && disconnectedForMs >= graceMs;
}

/** The DTLS fingerprint an SDP announces ("sha-256 AB:CD:…"), or null. */
export function sdpFingerprint(sdp: string | undefined | null): string | null {
  const match = /^a=fingerprint:(.+)$/m.exec(sdp ?? '');
  return match ? match[1]!.trim().toUpperCase() : null;
}

/** The direction a transceiver should have for what we send. */
export function directionFor(sending: boolean): RTCRtpTransceiverDirection {
  return sending ? 'sendrecv' : 'recvonly';
}

export interface MediaFlowSummary {
  framesDecoded: number;
  frameWidth: number;
  frameHeight: number;
  audioPacketsReceived: number;
  bytesReceived: number;
  bytesSent: number;
  /** 'host' | 'srflx' | 'relay' | 'prflx' of the selected local candidate. */
  localCandidateType: string | null;
  roundTripTimeMs: number | null;
}

type StatsEntry = Record<string, unknown> & { type: string; id: string };

const num = (value: unknown) => (typeof value === 'number' ? value : 0);

/** Sums what a getStats() report says about media flowing in and out. */
export function summarizeStats(entries: Iterable<StatsEntry>): MediaFlowSummary {
  const all = [...entries];
  const byId = new Map(all.map((e) => [e.id, e]));
  const out: MediaFlowSummary = {
    framesDecoded: 0,
    frameWidth: 0,
    frameHeight: 0,
    audioPacketsReceived: 0,
    bytesReceived: 0,
    bytesSent: 0,
    localCandidateType: null,
    roundTripTimeMs: null,
  };
  for (const e of all) {
    if (e.type === 'inbound-rtp') {
      out.bytesReceived += num(e.bytesReceived);
      if (e.kind === 'video') {
        out.framesDecoded += num(e.framesDecoded);
        out.frameWidth = Math.max(out.frameWidth, num(e.frameWidth));
        out.frameHeight = Math.max(out.frameHeight, num(e.frameHeight));
      } else if (e.kind === 'audio') {
        out.audioPacketsReceived += num(e.packetsReceived);
      }
    } else if (e.type === 'outbound-rtp') {
      out.bytesSent += num(e.bytesSent);
    } else if (
      e.type === 'candidate-pair' &&
      (e.nominated || e.selected) &&
      e.state === 'succeeded'
    ) {
      const local = byId.get(String(e.localCandidateId));
      out.localCandidateType = (local?.candidateType as string | undefined) ?? null;
      if (typeof e.currentRoundTripTime === 'number') {
        out.roundTripTimeMs = Math.round(e.currentRoundTripTime * 1000);
      }
    }
  }
  return out;
}
