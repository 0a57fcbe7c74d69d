import { describe, expect, it } from 'vitest';
import {
  CandidateBuffer,
  directionFor,
  isOfferCollision,
  sdpFingerprint,
  shouldIgnoreOffer,
  shouldRestartIce,
  summarizeStats,
} from './negotiation';

describe('CandidateBuffer', () => {
  it('holds candidates until the remote description is set, then hands them over in order', () => {
    const buffer = new CandidateBuffer<string>();
    expect(buffer.hold('a', false)).toBe(true);
    expect(buffer.hold('b', false)).toBe(true);
    expect(buffer.size).toBe(2);
    expect(buffer.drain()).toEqual(['a', 'b']);
    expect(buffer.size).toBe(0);
    expect(buffer.drain()).toEqual([]);
  });

  it('lets candidates through once the remote description exists', () => {
    const buffer = new CandidateBuffer<string>();
    expect(buffer.hold('c', true)).toBe(false);
    expect(buffer.drain()).toEqual([]);
  });
});

describe('perfect negotiation', () => {
  const stable = {
    makingOffer: false,
    signalingState: 'stable',
    isSettingRemoteAnswerPending: false,
  } as const;

  it('sees no collision when stable and not making an offer', () => {
    expect(isOfferCollision(stable)).toBe(false);
  });

  it('sees a collision while making an offer or holding a local offer', () => {
    expect(isOfferCollision({ ...stable, makingOffer: true })).toBe(true);
    expect(isOfferCollision({ ...stable, signalingState: 'have-local-offer' })).toBe(true);
  });

  it('treats an answer being applied as stable', () => {
    expect(
      isOfferCollision({
        makingOffer: false,
        signalingState: 'have-local-offer',
        isSettingRemoteAnswerPending: true,
      }),
    ).toBe(false);
  });

  it('makes only the impolite side ignore a colliding offer', () => {
    expect(shouldIgnoreOffer(false, true)).toBe(true);
    expect(shouldIgnoreOffer(true, true)).toBe(false);
    expect(shouldIgnoreOffer(false, false)).toBe(false);
  });
});

describe('shouldRestartIce', () => {
  it('restarts on the offerer at once when ICE failed', () => {
    expect(shouldRestartIce(true, 'failed', 0)).toBe(true);
    expect(shouldRestartIce(false, 'failed', 0)).toBe(false);
  });

  it('restarts after a disconnection that lasts the grace period', () => {
    expect(shouldRestartIce(true, 'disconnected', 2_999)).toBe(false);
    expect(shouldRestartIce(true, 'disconnected', 3_000)).toBe(true);
    expect(shouldRestartIce(true, 'connected', 10_000)).toBe(false);
  });
});

describe('helpers', () => {
  it('reads the DTLS fingerprint of an SDP', () => {
    const sdp = 'v=0\r\na=fingerprint:sha-256 ab:cd:ef\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n';
    expect(sdpFingerprint(sdp)).toBe('SHA-256 AB:CD:EF');
    expect(sdpFingerprint('v=0')).toBeNull();
  });

  it('maps sending to a transceiver direction', () => {
    expect(directionFor(true)).toBe('sendrecv');
    expect(directionFor(false)).toBe('recvonly');
  });

  it('summarises inbound video and audio from getStats entries', () => {
    const summary = summarizeStats([
      {
        type: 'inbound-rtp',
        id: 'v',
        kind: 'video',
        framesDecoded: 42,
        frameWidth: 1280,
        frameHeight: 720,
        bytesReceived: 1000,
      },
      { type: 'inbound-rtp', id: 'a', kind: 'audio', packetsReceived: 77, bytesReceived: 500 },
      { type: 'outbound-rtp', id: 'o', kind: 'audio', bytesSent: 300 },
      { type: 'local-candidate', id: 'l1', candidateType: 'relay' },
      {
        type: 'candidate-pair',
        id: 'p',
        nominated: true,
        state: 'succeeded',
        localCandidateId: 'l1',
        currentRoundTripTime: 0.042,
      },
    ]);
    expect(summary).toEqual({
      framesDecoded: 42,
      frameWidth: 1280,
      frameHeight: 720,
      audioPacketsReceived: 77,
      bytesReceived: 1500,
      bytesSent: 300,
      localCandidateType: 'relay',
      roundTripTimeMs: 42,
    });
  });
});
