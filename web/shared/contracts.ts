// TypeScript mirror of src/RemoteSupport.Contracts (JSON: camelCase, enums as strings).
// contracts.test.ts checks these against the C# records so the two cannot drift apart.
// Guid -> string, DateTimeOffset -> ISO 8601 string. The call types live in calls/types.ts.
import type { CallMode, IceServer } from './calls/types';

export const userRoles = ['Technician', 'Expert', 'OrgAdmin', 'Guest'] as const;
export type UserRole = (typeof userRoles)[number];
/** Roles a user account can have; Guest is only ever a guest invited by link. */
export const assignableRoles = userRoles.filter(
  (r): r is Exclude<UserRole, 'Guest'> => r !== 'Guest',
);

// Accounts
export interface SetupStatusResponse {
  needsSetup: boolean;
}

export interface SetupRequest {
  organizationName?: string | null;
  adminName?: string | null;
  email?: string | null;
  password?: string | null;
}

export interface SignInRequest {
  email?: string | null;
  password?: string | null;
}

export interface ChangePasswordRequest {
  currentPassword?: string | null;
  newPassword?: string | null;
}

export interface CurrentUserResponse {
  id: string;
  displayName: string;
  email: string;
  role: UserRole;
  isPlatformAdmin: boolean;
  organizationId: string;
  organizationName: string;
  mustChangePassword: boolean;
}

export interface AntiforgeryTokenResponse {
  requestToken: string;
  headerName: string;
}

export interface UserResponse {
  id: string;
  displayName: string;
  email: string;
  role: UserRole;
  disabled: boolean;
  mustChangePassword: boolean;
  createdAt: string;
}

export interface CreateUserRequest {
  displayName?: string | null;
  email?: string | null;
  role?: UserRole | null;
  password?: string | null;
}

export interface UpdateUserRequest {
  displayName?: string | null;
  role?: UserRole | null;
  disabled?: boolean | null;
}

export interface ResetPasswordRequest {
  temporaryPassword?: string | null;
}

// Audit
export interface AuditEventResponse {
  id: string;
  at: string;
  action: string;
  actorUserId: string | null;
  actorName: string | null;
  target: string | null;
  details: string | null;
  ipAddress: string | null;
}

// Devices
export interface DeviceResponse {
  id: string;
  name: string;
  technicianId: string;
  technicianName: string;
  pairedAt: string;
  lastSeenAt: string | null;
  revokedAt: string | null;
}

export interface StartPairingRequest {
  technicianId?: string | null;
}

export interface PairingResponse {
  code: string;
  qrSvg: string;
  expiresAt: string;
}

export interface ClaimPairingRequest {
  code?: string | null;
  qrPayload?: string | null;
  deviceName?: string | null;
}

export interface DeviceIdentityResponse {
  deviceId: string;
  deviceName: string;
  technicianId: string;
  technicianName: string;
  organizationName: string;
}

// Organizations
export interface OrganizationResponse {
  id: string;
  name: string;
  minPasswordLength: number;
  requireTwoFactor: boolean;
  useCustomIceServers: boolean;
  customIceServers: CustomIceServerResponse[] | null;
  /** How new calls start: peer to peer, or through the media server. */
  callMode: CallMode;
}

/** One of the organisation's own TURN/STUN servers; the stored credential is never returned. */
export interface CustomIceServerResponse {
  urls: string[];
  username: string | null;
  hasCredential: boolean;
}

export interface UpdateOrganizationSettingsRequest {
  name?: string | null;
  minPasswordLength?: number | null;
  requireTwoFactor?: boolean | null;
  useCustomIceServers?: boolean | null;
  /** Replaces the whole list; a null credential with the same urls+username keeps the stored one. */
  customIceServers?: IceServer[] | null;
  callMode?: CallMode | null;
}

export interface CreateOrganizationRequest {
  name?: string | null;
  adminName?: string | null;
  adminEmail?: string | null;
  adminPassword?: string | null;
}

export const recordingStatuses = ['Recording', 'Processing', 'Ready', 'Failed'] as const;
export type RecordingStatus = (typeof recordingStatuses)[number];

/** A recording of a ROUTED call; its content only through contentUrl / webcamUrl (null until Ready). */
export interface RecordingInfo {
  id: string;
  callId: string;
  startedById: string;
  startedByName: string;
  startedAt: string;
  stoppedAt: string | null;
  status: RecordingStatus;
  /** Why it failed, for the expert; null unless Failed. */
  failureReason: string | null;
  /** E.g. the server stopped while recording and this is what was saved. */
  note: string | null;
  durationMs: number | null;
  length: number | null;
  contentType: string | null;
  contentUrl: string | null;
  webcamLength: number | null;
  webcamUrl: string | null;
}

/** RFC 9457 problem details as ASP.NET Core writes them (ValidationProblem adds `errors`). */
export interface ProblemDetails {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: Record<string, string[]>;
  traceId?: string;
}

// Guests
export const guestInviteStatuses = ['Pending', 'Joined', 'Expired', 'Revoked'] as const;
export type GuestInviteStatus = (typeof guestInviteStatuses)[number];

export interface GuestInviteCreatedResponse {
  inviteId: string;
  link: string;
  expiresAt: string;
}

export interface GuestInviteResponse {
  inviteId: string;
  callId: string;
  status: GuestInviteStatus;
  createdByName: string;
  createdAt: string;
  expiresAt: string;
  joinedAt: string | null;
  revokedAt: string | null;
  guestName: string | null;
}

export interface GuestJoinRequest {
  token?: string | null;
  displayName?: string | null;
}

export interface GuestSessionResponse {
  callId: string;
  displayName: string;
  organizationName: string;
}
