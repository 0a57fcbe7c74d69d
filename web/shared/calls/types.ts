// TypeScript mirror of src/RemoteSupport.Contracts/Calls (JSON: camelCase, enums as strings).
// contracts.test.ts checks these against the C# records and enums.
import type { UserRole } from '../contracts';
import type {
  ChatMessageInfo,
  FileAnnouncement,
  PointerMove,
  PointerPosition,
  SendChatRequest,
  ShowImage,
  ShowDocument,
  DocumentShown,
  PageCommand,
} from '../collaboration/types';

export const callStates = ['Ringing', 'Active', 'Ended'] as const;
export type CallState = (typeof callStates)[number];

export const callEndReasons = [
  'None',
  'HungUp',
  'Declined',
  'Cancelled',
  'Missed',
  'Busy',
  'ConnectionLost',
  'NoExpertAvailable',
] as const;
export type CallEndReason = (typeof callEndReasons)[number];

export const signalKinds = ['Offer', 'Answer', 'Candidate'] as const;
export type SignalKind = (typeof signalKinds)[number];

export const callModes = ['PeerToPeer', 'Routed'] as const;
export type CallMode = (typeof callModes)[number];

export const presenceStatuses = ['Offline', 'Online', 'Busy'] as const;
export type PresenceStatus = (typeof presenceStatuses)[number];

export interface StartCallRequest {
  calleeUserId: string | null;
  anyExpert: boolean;
}

export interface CallParticipant {
  userId: string;
  displayName: string;
  role: UserRole;
}

export interface CallInfo {
  callId: string;
  state: CallState;
  caller: CallParticipant;
  callee: CallParticipant;
  startedAt: string;
  answeredAt: string | null;
  endReason: CallEndReason;
  /** Peer to peer, or through the media server (ROUTED). */
  mode: CallMode;
  /** Everyone in the call now (invited people and guests too). */
  participants: CallParticipant[];
  recording: boolean;
}

export interface InviteRequest {
  callId: string;
  userId: string;
}

export interface PublishRequest {
  callId: string;
  sdp: string;
}

/** The media server's answer to PublishMedia, or ours to a MediaOffer. */
export interface MediaAnswer {
  callId: string;
  streamId: string;
  sdp: string;
}

export interface MediaOffer {
  callId: string;
  streamId: string;
  source: CallParticipant;
  sdp: string;
}

export interface MediaCandidate {
  callId: string;
  streamId: string;
  /** JSON of an RTCIceCandidateInit; null at the end of gathering. */
  candidate: string | null;
}

/** Someone I invited declined (Declined) or did not answer (Missed). */
export interface InvitationOutcome {
  callId: string;
  invitee: CallParticipant;
  reason: CallEndReason;
}

export interface MediaStreamEnded {
  callId: string;
  streamId: string;
}

export interface IceServer {
  urls: string[];
  username: string | null;
  credential: string | null;
}

export interface CallConnection {
  call: CallInfo;
  iceServers: IceServer[];
  isOfferer: boolean;
}

export interface SignalMessage {
  callId: string;
  kind: SignalKind;
  payload: string;
}

export interface CallHistoryEntry {
  callId: string;
  caller: CallParticipant;
  callee: CallParticipant;
  startedAt: string;
  answeredAt: string | null;
  endedAt: string | null;
  endReason: CallEndReason;
  durationSeconds: number;
  /** People who joined beyond the caller and the callee (invited users, guests). */
  others: CallParticipant[];
}

export interface Contact {
  userId: string;
  displayName: string;
  role: UserRole;
  status: PresenceStatus;
}

/** The hub's methods (ISessionHub), name -> [arguments, result]. */
export interface SessionHubMethods {
  GetContacts: [[], Contact[]];
  StartCall: [[StartCallRequest], CallInfo];
  AcceptCall: [[string], CallConnection];
  DeclineCall: [[string], void];
  CancelCall: [[string], void];
  HangUp: [[string], void];
  SendSignal: [[SignalMessage], void];
  ResumeCall: [[], CallConnection | null];
  GetIceServers: [[string], IceServer[]];
  MovePointer: [[PointerMove], void];
  SendChat: [[SendChatRequest], ChatMessageInfo];
  GetChat: [[string], ChatMessageInfo[]];
  RequestSnapshot: [[string], void];
  AnnounceFile: [[FileAnnouncement], void];
  ShowOnGlasses: [[ShowImage], void];
  DismissShown: [[string], void];
  ShowDocument: [[ShowDocument], void];
  TurnPage: [[PageCommand], void];
  ReportPage: [[PageCommand], void];
  InviteToCall: [[InviteRequest], void];
  PublishMedia: [[PublishRequest], MediaAnswer];
  AnswerMedia: [[MediaAnswer], void];
  SendMediaCandidate: [[MediaCandidate], void];
  StartRecording: [[string], void];
  StopRecording: [[string], void];
}

/** What the server sends (ISessionClient), name -> argument. */
export interface SessionClientMessages {
  PresenceChanged: Contact;
  IncomingCall: CallInfo;
  CallAccepted: CallConnection;
  CallEnded: CallInfo;
  Signal: SignalMessage;
  PeerReconnecting: string;
  PeerResumed: string;
  PointerMoved: PointerPosition;
  ChatReceived: ChatMessageInfo;
  SnapshotRequested: string;
  FileShared: FileAnnouncement;
  ShowImage: ShowImage;
  ShownDismissed: string;
  DocumentShown: DocumentShown;
  PageTurned: PageCommand;
  CallUpdated: CallInfo;
  InvitationEnded: InvitationOutcome;
  MediaOffered: MediaOffer;
  MediaEnded: MediaStreamEnded;
  MediaReset: string;
}

/** RTCIceServer from the server's entry (null credentials left out). */
export function toRtcIceServer(server: IceServer): RTCIceServer {
  const out: RTCIceServer = { urls: server.urls };
  if (server.username !== null) out.username = server.username;
  if (server.credential !== null) out.credential = server.credential;
  return out;
}
