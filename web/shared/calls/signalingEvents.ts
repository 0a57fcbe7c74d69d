// Events of the hub connection (kept apart from signaling.ts so tests can fake the connection).
import type {
  ChatMessageInfo,
  FileAnnouncement,
  PointerPosition,
  ShowImage,
  DocumentShown,
  PageCommand,
} from '../collaboration/types';
import type {
  CallConnection,
  CallInfo,
  Contact,
  InvitationOutcome,
  MediaOffer,
  MediaStreamEnded,
  SignalMessage,
} from './types';

export const SignalingEvent = {
  /** Connected: the first time, or again after an outage (`reconnected`). */
  Connected: 'connected',
  Reconnecting: 'reconnecting',
  /** Gave up (or stopped); `start()` again to retry. */
  Disconnected: 'disconnected',
  PresenceChanged: 'presenceChanged',
  IncomingCall: 'incomingCall',
  CallAccepted: 'callAccepted',
  CallEnded: 'callEnded',
  Signal: 'signal',
  PeerReconnecting: 'peerReconnecting',
  PeerResumed: 'peerResumed',
  PointerMoved: 'pointerMoved',
  ChatReceived: 'chatReceived',
  /** The expert asks the glasses for a snapshot (call id). */
  SnapshotRequested: 'snapshotRequested',
  FileShared: 'fileShared',
  ShowImage: 'showImage',
  /** The image shown on the glasses was dismissed (call id). */
  ShownDismissed: 'shownDismissed',
  /** Show a document, image or video full screen on the glasses. */
  DocumentShown: 'documentShown',
  /** A page of the shown PDF: the expert's turn (glasses) or the glasses' page (portal). */
  PageTurned: 'pageTurned',
  /** Who is in the call, its mode or its recording state changed. */
  CallUpdated: 'callUpdated',
  /** Someone this expert invited declined or did not answer. */
  InvitationEnded: 'invitationEnded',
  /** ROUTED: another participant's stream is offered. */
  MediaOffered: 'mediaOffered',
  /** ROUTED: a received stream ended. */
  MediaEnded: 'mediaEnded',
  /** ROUTED: the media server restarted; publish again (call id). */
  MediaReset: 'mediaReset',
} as const;

export interface SignalingEvents {
  [SignalingEvent.Connected]: { reconnected: boolean };
  [SignalingEvent.Reconnecting]: { error: Error | undefined };
  [SignalingEvent.Disconnected]: { error: Error | undefined };
  [SignalingEvent.PresenceChanged]: Contact;
  [SignalingEvent.IncomingCall]: CallInfo;
  [SignalingEvent.CallAccepted]: CallConnection;
  [SignalingEvent.CallEnded]: CallInfo;
  [SignalingEvent.Signal]: SignalMessage;
  [SignalingEvent.PeerReconnecting]: string;
  [SignalingEvent.PeerResumed]: string;
  [SignalingEvent.PointerMoved]: PointerPosition;
  [SignalingEvent.ChatReceived]: ChatMessageInfo;
  [SignalingEvent.SnapshotRequested]: string;
  [SignalingEvent.FileShared]: FileAnnouncement;
  [SignalingEvent.ShowImage]: ShowImage;
  [SignalingEvent.ShownDismissed]: string;
  [SignalingEvent.DocumentShown]: DocumentShown;
  [SignalingEvent.PageTurned]: PageCommand;
  [SignalingEvent.CallUpdated]: CallInfo;
  [SignalingEvent.InvitationEnded]: InvitationOutcome;
  [SignalingEvent.MediaOffered]: MediaOffer;
  [SignalingEvent.MediaEnded]: MediaStreamEnded;
  [SignalingEvent.MediaReset]: string;
}
