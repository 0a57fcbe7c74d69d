import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as c from './contracts';
import * as calls from './calls/types';
import * as collab from './collaboration/types';

// The compiler makes each key list below match its TypeScript type exactly (no missing,
// no extra keys); the test then makes the list match the C# record. Together: TS == C#.
type Keys<T> = { [K in keyof T]-?: true };

const tsRecords = {
  SetupStatusResponse: { needsSetup: true } satisfies Keys<c.SetupStatusResponse>,
  SetupRequest: {
    organizationName: true,
    adminName: true,
    email: true,
    password: true,
  } satisfies Keys<c.SetupRequest>,
  SignInRequest: { email: true, password: true } satisfies Keys<c.SignInRequest>,
  ChangePasswordRequest: {
    currentPassword: true,
    newPassword: true,
  } satisfies Keys<c.ChangePasswordRequest>,
  CurrentUserResponse: {
    id: true,
    displayName: true,
    email: true,
    role: true,
    isPlatformAdmin: true,
    organizationId: true,
    organizationName: true,
    mustChangePassword: true,
  } satisfies Keys<c.CurrentUserResponse>,
  AntiforgeryTokenResponse: {
    requestToken: true,
    headerName: true,
  } satisfies Keys<c.AntiforgeryTokenResponse>,
  UserResponse: {
    id: true,
    displayName: true,
    email: true,
    role: true,
    disabled: true,
    mustChangePassword: true,
    createdAt: true,
  } satisfies Keys<c.UserResponse>,
  CreateUserRequest: {
    displayName: true,
    email: true,
    role: true,
    password: true,
  } satisfies Keys<c.CreateUserRequest>,
  UpdateUserRequest: {
    displayName: true,
    role: true,
    disabled: true,
  } satisfies Keys<c.UpdateUserRequest>,
  ResetPasswordRequest: { temporaryPassword: true } satisfies Keys<c.ResetPasswordRequest>,
  AuditEventResponse: {
    id: true,
    at: true,
    action: true,
    actorUserId: true,
    actorName: true,
    target: true,
    details: true,
    ipAddress: true,
  } satisfies Keys<c.AuditEventResponse>,
  DeviceResponse: {
    id: true,
    name: true,
    technicianId: true,
    technicianName: true,
    pairedAt: true,
    lastSeenAt: true,
    revokedAt: true,
  } satisfies Keys<c.DeviceResponse>,
  StartPairingRequest: { technicianId: true } satisfies Keys<c.StartPairingRequest>,
  PairingResponse: { code: true, qrSvg: true, expiresAt: true } satisfies Keys<c.PairingResponse>,
  ClaimPairingRequest: {
    code: true,
    qrPayload: true,
    deviceName: true,
  } satisfies Keys<c.ClaimPairingRequest>,
  DeviceIdentityResponse: {
    deviceId: true,
    deviceName: true,
    technicianId: true,
    technicianName: true,
    organizationName: true,
  } satisfies Keys<c.DeviceIdentityResponse>,
  OrganizationResponse: {
    id: true,
    name: true,
    minPasswordLength: true,
    requireTwoFactor: true,
    useCustomIceServers: true,
    customIceServers: true,
    callMode: true,
  } satisfies Keys<c.OrganizationResponse>,
  CustomIceServerResponse: {
    urls: true,
    username: true,
    hasCredential: true,
  } satisfies Keys<c.CustomIceServerResponse>,
  UpdateOrganizationSettingsRequest: {
    name: true,
    minPasswordLength: true,
    requireTwoFactor: true,
    useCustomIceServers: true,
    customIceServers: true,
    callMode: true,
  } satisfies Keys<c.UpdateOrganizationSettingsRequest>,
  CreateOrganizationRequest: {
    name: true,
    adminName: true,
    adminEmail: true,
    adminPassword: true,
  } satisfies Keys<c.CreateOrganizationRequest>,
  // Guests
  GuestInviteCreatedResponse: {
    inviteId: true,
    link: true,
    expiresAt: true,
  } satisfies Keys<c.GuestInviteCreatedResponse>,
  GuestInviteResponse: {
    inviteId: true,
    callId: true,
    status: true,
    createdByName: true,
    createdAt: true,
    expiresAt: true,
    joinedAt: true,
    revokedAt: true,
    guestName: true,
  } satisfies Keys<c.GuestInviteResponse>,
  GuestJoinRequest: { token: true, displayName: true } satisfies Keys<c.GuestJoinRequest>,
  GuestSessionResponse: {
    callId: true,
    displayName: true,
    organizationName: true,
  } satisfies Keys<c.GuestSessionResponse>,
  // Calls
  StartCallRequest: { calleeUserId: true, anyExpert: true } satisfies Keys<calls.StartCallRequest>,
  CallParticipant: {
    userId: true,
    displayName: true,
    role: true,
  } satisfies Keys<calls.CallParticipant>,
  CallInfo: {
    callId: true,
    state: true,
    caller: true,
    callee: true,
    startedAt: true,
    answeredAt: true,
    endReason: true,
    mode: true,
    participants: true,
    recording: true,
  } satisfies Keys<calls.CallInfo>,
  InviteRequest: { callId: true, userId: true } satisfies Keys<calls.InviteRequest>,
  PublishRequest: { callId: true, sdp: true } satisfies Keys<calls.PublishRequest>,
  MediaAnswer: { callId: true, streamId: true, sdp: true } satisfies Keys<calls.MediaAnswer>,
  MediaOffer: {
    callId: true,
    streamId: true,
    source: true,
    sdp: true,
  } satisfies Keys<calls.MediaOffer>,
  MediaCandidate: {
    callId: true,
    streamId: true,
    candidate: true,
  } satisfies Keys<calls.MediaCandidate>,
  MediaStreamEnded: { callId: true, streamId: true } satisfies Keys<calls.MediaStreamEnded>,
  InvitationOutcome: {
    callId: true,
    invitee: true,
    reason: true,
  } satisfies Keys<calls.InvitationOutcome>,
  IceServer: { urls: true, username: true, credential: true } satisfies Keys<calls.IceServer>,
  CallConnection: {
    call: true,
    iceServers: true,
    isOfferer: true,
  } satisfies Keys<calls.CallConnection>,
  SignalMessage: { callId: true, kind: true, payload: true } satisfies Keys<calls.SignalMessage>,
  CallHistoryEntry: {
    callId: true,
    caller: true,
    callee: true,
    startedAt: true,
    answeredAt: true,
    endedAt: true,
    endReason: true,
    durationSeconds: true,
    others: true,
  } satisfies Keys<calls.CallHistoryEntry>,
  Contact: {
    userId: true,
    displayName: true,
    role: true,
    status: true,
  } satisfies Keys<calls.Contact>,
  // Collaboration
  PointerMove: { callId: true, x: true, y: true } satisfies Keys<collab.PointerMove>,
  PointerPosition: {
    callId: true,
    expertId: true,
    color: true,
    x: true,
    y: true,
  } satisfies Keys<collab.PointerPosition>,
  SendChatRequest: { callId: true, text: true } satisfies Keys<collab.SendChatRequest>,
  ChatMessageInfo: {
    id: true,
    callId: true,
    senderId: true,
    senderName: true,
    text: true,
    sentAt: true,
  } satisfies Keys<collab.ChatMessageInfo>,
  FileAnnouncement: {
    callId: true,
    fileId: true,
    kind: true,
  } satisfies Keys<collab.FileAnnouncement>,
  ShowImage: { callId: true, fileId: true } satisfies Keys<collab.ShowImage>,
  ShowDocument: { callId: true, fileId: true } satisfies Keys<collab.ShowDocument>,
  DocumentShown: {
    callId: true,
    fileId: true,
    contentType: true,
    displayName: true,
  } satisfies Keys<collab.DocumentShown>,
  PageCommand: { callId: true, page: true, pageCount: true } satisfies Keys<collab.PageCommand>,
  // Session files
  SessionFileInfo: {
    id: true,
    callId: true,
    kind: true,
    contentType: true,
    displayName: true,
    length: true,
    sha256: true,
    width: true,
    height: true,
    sourceFileId: true,
    createdById: true,
    createdByName: true,
    createdAt: true,
    contentUrl: true,
    thumbnailUrl: true,
  } satisfies Keys<collab.SessionFileInfo>,
  // Recordings
  RecordingInfo: {
    id: true,
    callId: true,
    startedById: true,
    startedByName: true,
    startedAt: true,
    stoppedAt: true,
    status: true,
    failureReason: true,
    note: true,
    durationMs: true,
    length: true,
    contentType: true,
    contentUrl: true,
    webcamLength: true,
    webcamUrl: true,
  } satisfies Keys<c.RecordingInfo>,
  SessionFileLimits: {
    maxBytes: true,
    maxImagePixels: true,
    acceptedContentTypes: true,
    accepted: true,
  } satisfies Keys<collab.SessionFileLimits>,
};

// Hub method and client message names (the strings passed to invoke/on).
const hubMethods = {
  GetContacts: true,
  StartCall: true,
  AcceptCall: true,
  DeclineCall: true,
  CancelCall: true,
  HangUp: true,
  SendSignal: true,
  ResumeCall: true,
  GetIceServers: true,
  MovePointer: true,
  SendChat: true,
  GetChat: true,
  RequestSnapshot: true,
  AnnounceFile: true,
  ShowOnGlasses: true,
  DismissShown: true,
  ShowDocument: true,
  TurnPage: true,
  ReportPage: true,
  InviteToCall: true,
  PublishMedia: true,
  AnswerMedia: true,
  SendMediaCandidate: true,
  StartRecording: true,
  StopRecording: true,
} satisfies Keys<calls.SessionHubMethods>;

const clientMessages = {
  PresenceChanged: true,
  IncomingCall: true,
  CallAccepted: true,
  CallEnded: true,
  Signal: true,
  PeerReconnecting: true,
  PeerResumed: true,
  PointerMoved: true,
  ChatReceived: true,
  SnapshotRequested: true,
  FileShared: true,
  ShowImage: true,
  ShownDismissed: true,
  DocumentShown: true,
  PageTurned: true,
  CallUpdated: true,
  InvitationEnded: true,
  MediaOffered: true,
  MediaEnded: true,
  MediaReset: true,
} satisfies Keys<calls.SessionClientMessages>;

const contractsDir = join(import.meta.dirname, '../../src/RemoteSupport.Contracts');

function csFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'bin' || name === 'obj') return [];
    if (statSync(path).isDirectory()) return csFiles(path);
    return name.endsWith('.cs') ? [path] : [];
  });
}

const source = csFiles(contractsDir)
  .map((f) => readFileSync(f, 'utf8'))
  .join('\n');

function camel(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

/** Positional records: `record Name(Type A, Type? B, ...)` -> { Name: ['a', 'b'] }. */
function csRecords(): Record<string, string[]> {
  const records: Record<string, string[]> = {};
  for (const m of source.matchAll(/\brecord\s+(\w+)\s*\(([^)]*)\)/g)) {
    const params = m[2]!
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean)
      .map((p) => camel(p.split(/\s+/).at(-1)!));
    records[m[1]!] = params;
  }
  return records;
}

/** Member names of `enum Name { A = 0, B = 1 }`, comments removed. */
function csEnum(name: string): string[] {
  const body = new RegExp(`enum\\s+${name}\\s*\\{([^}]*)\\}`).exec(source)?.[1] ?? '';
  return body
    .replace(/\/\/.*$/gm, '')
    .split(',')
    .map((m) => m.split('=')[0]!.trim())
    .filter(Boolean);
}

/** Method names of `interface Name { Task<X> Method(...); ... }`. */
function csInterfaceMethods(name: string): string[] {
  const start = source.search(new RegExp(`interface\\s+${name}\\b`));
  if (start < 0) return [];
  const open = source.indexOf('{', start);
  const body = source.slice(open + 1, source.indexOf('\n}', open));
  return [...body.matchAll(/^\s*Task(?:<[^>]*>)?\s+(\w+)\s*\(/gm)].map((m) => m[1]!);
}

describe('contracts', () => {
  const cs = csRecords();

  it('finds the C# contract records', () => {
    expect(Object.keys(cs).length).toBeGreaterThan(10);
  });

  it('has a TypeScript type for every C# record, with the same JSON fields', () => {
    const ts = Object.fromEntries(
      Object.entries(tsRecords).map(([name, keys]) => [name, Object.keys(keys)]),
    );
    expect(ts).toEqual(cs);
  });

  it.each([
    ['UserRole', c.userRoles],
    ['CallState', calls.callStates],
    ['CallEndReason', calls.callEndReasons],
    ['SignalKind', calls.signalKinds],
    ['PresenceStatus', calls.presenceStatuses],
    ['CallMode', calls.callModes],
    ['SessionFileKind', collab.sessionFileKinds],
    ['GuestInviteStatus', c.guestInviteStatuses],
    ['RecordingStatus', c.recordingStatuses],
  ])('has the same %s members as the C# enum', (name, members) => {
    expect([...members]).toEqual(csEnum(name));
  });

  it.each([
    ['ISessionHub', hubMethods],
    ['ISessionClient', clientMessages],
  ])('has the same %s method names as the C# interface', (name, methods) => {
    expect(Object.keys(methods).sort()).toEqual(csInterfaceMethods(name).sort());
  });
});
