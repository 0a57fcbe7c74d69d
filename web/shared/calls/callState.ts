// The call as the UI sees it: a pure reducer over hub events, peer states and user actions.
import type { CallConnection, CallEndReason, CallInfo, IceServer } from './types';

export type CallPhase =
  /** No call; `ended` may still describe the last one. */
  | 'idle'
  /** StartCall is on its way. */
  | 'dialing'
  /** Our call rings at the other side. */
  | 'outgoing'
  /** Someone calls us: ring. */
  | 'incoming'
  /** We pressed Answer; AcceptCall is on its way. */
  | 'answering'
  /** Accepted: media is connecting or flowing. */
  | 'active';

export type MediaState = 'none' | 'connecting' | 'connected' | 'interrupted';

export interface CallView {
  phase: CallPhase;
  call: CallInfo | null;
  isOfferer: boolean;
  iceServers: IceServer[];
  media: MediaState;
  /** Media was connected at least once in this call. */
  everConnected: boolean;
  /** The server told us the other side's connection dropped. */
  peerAway: boolean;
  /** Our own hub connection is down. */
  signalingDown: boolean;
  /** How the last call ended (shown until the next one starts). */
  ended: { reason: CallEndReason; text: string } | null;
  /** A message for the user, e.g. "Tess is offline". */
  error: string | null;
}

export type CallAction =
  | { type: 'dialing' }
  | { type: 'dialed'; call: CallInfo }
  | { type: 'failed'; message: string }
  | { type: 'incoming'; call: CallInfo }
  | { type: 'answering' }
  | { type: 'connection'; connection: CallConnection }
  | { type: 'ringing'; call: CallInfo; outgoing: boolean }
  | { type: 'media'; state: RTCPeerConnectionState }
  | { type: 'peerAway'; callId: string }
  | { type: 'peerBack'; callId: string }
  | { type: 'signaling'; up: boolean }
  | { type: 'ended'; call: CallInfo }
  | { type: 'localEnded'; reason: CallEndReason }
  | { type: 'updated'; call: CallInfo }
  | { type: 'dismiss' };

export const initialCallView: CallView = {
  phase: 'idle',
  call: null,
  isOfferer: false,
  iceServers: [],
  media: 'none',
  everConnected: false,
  peerAway: false,
  signalingDown: false,
  ended: null,
  error: null,
};

const endTexts: Record<CallEndReason, string> = {
  None: 'Call ended',
  HungUp: 'Call ended',
  Declined: 'Declined',
  Cancelled: 'Cancelled',
  Missed: 'No answer',
  Busy: 'Busy — in another call',
  ConnectionLost: 'Connection lost',
  NoExpertAvailable: 'No expert available',
};

export function endText(reason: CallEndReason): string {
  return endTexts[reason] ?? 'Call ended';
}

/** Phases in which a call exists (ringing or connected): the hub connection must not give up. */
export function hasCall(view: CallView): boolean {
  return view.phase !== 'idle';
}

function sameCall(view: CallView, callId: string): boolean {
  return view.call?.callId === callId;
}

function ended(view: CallView, reason: CallEndReason): CallView {
  return {
    ...initialCallView,
    signalingDown: view.signalingDown,
    ended: { reason, text: endText(reason) },
  };
}

function fresh(view: CallView): CallView {
  return { ...initialCallView, signalingDown: view.signalingDown };
}

export function callReducer(view: CallView, action: CallAction): CallView {
  switch (action.type) {
    case 'dialing':
      return view.phase === 'idle' ? { ...fresh(view), phase: 'dialing' } : view;
    case 'dialed':
      return view.phase === 'dialing' ? { ...view, phase: 'outgoing', call: action.call } : view;
    case 'failed':
      // StartCall or AcceptCall refused: back to no call, with the server's sentence.
      return { ...fresh(view), error: action.message };
    case 'incoming':
      // Already in (or placing) a call: the server answers "busy" for us; ignore.
      if (view.phase !== 'idle') return view;
      return { ...fresh(view), phase: 'incoming', call: action.call };
    case 'answering':
      return view.phase === 'incoming' ? { ...view, phase: 'answering' } : view;
    case 'ringing':
      // ResumeCall found a call still ringing (e.g. after a reload).
      return {
        ...fresh(view),
        phase: action.outgoing ? 'outgoing' : 'incoming',
        call: action.call,
      };
    case 'connection': {
      const { call, iceServers, isOfferer } = action.connection;
      const same = sameCall(view, call.callId);
      return {
        ...(same ? view : fresh(view)),
        phase: 'active',
        call,
        iceServers,
        isOfferer,
        media: same && view.media !== 'none' ? view.media : 'connecting',
        error: null,
        ended: null,
      };
    }
    case 'media': {
      if (view.phase !== 'active') return view;
      const s = action.state;
      if (s === 'connected') return { ...view, media: 'connected', everConnected: true };
      if (s === 'disconnected' || s === 'failed') return { ...view, media: 'interrupted' };
      if (s === 'new' || s === 'connecting') {
        return { ...view, media: view.everConnected ? 'interrupted' : 'connecting' };
      }
      return view;
    }
    case 'updated':
      // Someone joined or left, the call moved to the media server, recording started or stopped.
      return view.phase !== 'idle' && sameCall(view, action.call.callId)
        ? { ...view, call: action.call }
        : view;
    case 'peerAway':
      return sameCall(view, action.callId) ? { ...view, peerAway: true } : view;
    case 'peerBack':
      return sameCall(view, action.callId) ? { ...view, peerAway: false } : view;
    case 'signaling':
      return { ...view, signalingDown: !action.up };
    case 'ended': {
      if (!sameCall(view, action.call.callId)) return view;
      // Ringing here but answered on another device: stop quietly.
      if (view.phase === 'incoming' && action.call.endReason === 'None') return fresh(view);
      return ended(view, action.call.endReason);
    }
    case 'localEnded':
      return view.phase === 'idle' ? view : ended(view, action.reason);
    case 'dismiss':
      return view.phase === 'idle' ? fresh(view) : view;
  }
}

/** The one-line status the UI shows (data-testid="call-status"). */
export function statusText(view: CallView): string {
  switch (view.phase) {
    case 'idle':
      return view.ended?.text ?? '';
    case 'dialing':
    case 'outgoing':
      return 'Ringing…';
    case 'incoming':
      return 'Incoming call';
    case 'answering':
      return 'Connecting…';
    case 'active':
      if (view.peerAway || view.signalingDown || view.media === 'interrupted') {
        return 'Reconnecting…';
      }
      return view.media === 'connected' ? 'Connected' : 'Connecting…';
  }
}

/** The other participant of the call, seen from `selfUserId`. */
export function otherParty(call: CallInfo, selfUserId: string) {
  const technician = call.participants.find(
    (p) => p.role === 'Technician' && p.userId !== selfUserId,
  );
  if (technician) return technician;
  if (call.caller.userId === selfUserId) return call.callee;
  if (call.callee.userId === selfUserId) return call.caller;
  // An invited expert or guest: the person who started the call.
  return call.caller;
}
