import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as c from './contracts';

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
  } satisfies Keys<c.OrganizationResponse>,
  UpdateOrganizationSettingsRequest: {
    name: true,
    minPasswordLength: true,
    requireTwoFactor: true,
  } satisfies Keys<c.UpdateOrganizationSettingsRequest>,
  CreateOrganizationRequest: {
    name: true,
    adminName: true,
    adminEmail: true,
    adminPassword: true,
  } satisfies Keys<c.CreateOrganizationRequest>,
};

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

  it('has the same UserRole members as the C# enum', () => {
    const body = /enum\s+UserRole\s*\{([^}]*)\}/.exec(source)?.[1] ?? '';
    const members = body
      .split(',')
      .map((m) => m.split('=')[0]!.trim())
      .filter(Boolean);
    expect([...c.userRoles]).toEqual(members);
  });
});
