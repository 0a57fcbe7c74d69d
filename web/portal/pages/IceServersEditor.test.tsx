import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { OrganizationResponse } from '../../shared/contracts';
import { button, byLabel, click, fakeFetch, json, type } from '../../shared/testing';
import { Settings } from './Settings';

const organization: OrganizationResponse = {
  id: 'org-1',
  name: 'Acme',
  minPasswordLength: 15,
  requireTwoFactor: false,
  callMode: 'PeerToPeer',
  useCustomIceServers: true,
  customIceServers: [
    {
      urls: ['turn:turn.acme.example:3478', 'turns:turn.acme.example:5349'],
      username: 'acme',
      hasCredential: true,
    },
    { urls: ['stun:stun.acme.example:3478'], username: null, hasCredential: false },
  ],
};

let root: HTMLElement;

beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
});

afterEach(() => {
  render(null, root);
  root.remove();
  vi.unstubAllGlobals();
});

/** The error text an input points to with aria-describedby, or null. */
function errorFor(label: string): string | null {
  const ids = byLabel(root, label).getAttribute('aria-describedby')?.split(' ') ?? [];
  const errors = ids
    .map((id) => document.getElementById(id))
    .filter((el) => el?.classList.contains('field-error'));
  return errors.length > 0 ? errors.map((el) => el!.textContent).join(' ') : null;
}

async function renderSettings(org: OrganizationResponse = organization) {
  const calls = fakeFetch({
    'GET /api/organization': () => json(200, org),
    'PUT /api/organization/settings': () => new Response(null, { status: 204 }),
  });
  render(<Settings onSaved={() => {}} />, root);
  await vi.waitFor(() => byLabel(root, 'Use our own TURN/STUN servers'));
  return calls;
}

describe('custom TURN/STUN servers on the settings page', () => {
  it('shows the stored servers without their credentials', async () => {
    await renderSettings();

    expect(byLabel(root, 'Use our own TURN/STUN servers').checked).toBe(true);
    expect(byLabel(root, 'Server 1 URLs').value).toBe(
      'turn:turn.acme.example:3478\nturns:turn.acme.example:5349',
    );
    expect(byLabel(root, 'Server 1 Username').value).toBe('acme');
    const credential = byLabel(root, 'Server 1 Credential');
    expect(credential.type).toBe('password');
    expect(credential.value).toBe('');
    expect(credential.placeholder).toBe('•••• (stored)');
    expect(byLabel(root, 'Server 2 URLs').value).toBe('stun:stun.acme.example:3478');
    expect(byLabel(root, 'Server 2 Username').value).toBe('');
    expect(byLabel(root, 'Server 2 Credential').placeholder).toBe('');
    expect(button(root, 'Remove server 1')).toBeTruthy();
  });

  it('is off with no servers by default', async () => {
    await renderSettings({
      ...organization,
      useCustomIceServers: false,
      customIceServers: null,
    });
    expect(byLabel(root, 'Use our own TURN/STUN servers').checked).toBe(false);
    expect(root.querySelector('#ice-servers-heading')?.textContent).toBe('TURN/STUN servers');
    expect(root.textContent).toContain('No servers added.');
    expect(() => byLabel(root, 'Server 1 URLs')).toThrow();
  });

  it('sends a null credential for an untouched entry and a typed one for a new entry', async () => {
    const calls = await renderSettings();

    click(button(root, 'Remove server 2'));
    click(button(root, 'Add server'));
    expect(document.activeElement).toBe(byLabel(root, 'Server 2 URLs'));
    type(byLabel(root, 'Server 2 URLs'), ' turn:backup.acme.example:3478 \n\n');
    type(byLabel(root, 'Server 2 Username'), ' backup ');
    type(byLabel(root, 'Server 2 Credential'), 's3cret');
    click(button(root, 'Save settings'));

    await vi.waitFor(() =>
      expect(root.querySelector('[role="status"]')?.textContent).toBe('Settings saved.'),
    );
    const put = calls.find((c) => c.method === 'PUT')!;
    expect(put.body).toEqual({
      name: 'Acme',
      minPasswordLength: 15,
      requireTwoFactor: false,
      callMode: 'PeerToPeer',
      useCustomIceServers: true,
      customIceServers: [
        {
          urls: ['turn:turn.acme.example:3478', 'turns:turn.acme.example:5349'],
          username: 'acme',
          credential: null,
        },
        { urls: ['turn:backup.acme.example:3478'], username: 'backup', credential: 's3cret' },
      ],
    });
    // The typed secret is not kept in the form; the entry now shows a stored credential.
    expect(byLabel(root, 'Server 2 Credential').value).toBe('');
    expect(byLabel(root, 'Server 2 Credential').placeholder).toBe('•••• (stored)');
    expect(byLabel(root, 'Server 2 URLs').value).toBe('turn:backup.acme.example:3478');
  });

  it('sends the switch and an empty list when turned off with every server removed', async () => {
    const calls = await renderSettings();
    click(byLabel(root, 'Use our own TURN/STUN servers'));
    click(button(root, 'Remove server 2'));
    click(button(root, 'Remove server 1'));
    click(button(root, 'Save settings'));
    await vi.waitFor(() => expect(calls.some((c) => c.method === 'PUT')).toBe(true));
    const put = calls.find((c) => c.method === 'PUT')!;
    expect(put.body).toMatchObject({ useCustomIceServers: false, customIceServers: [] });
  });

  it('shows the server errors next to the entry and field they are about', async () => {
    const calls = fakeFetch({
      'GET /api/organization': () => json(200, organization),
      'PUT /api/organization/settings': () =>
        json(400, {
          title: 'One or more validation errors occurred.',
          status: 400,
          errors: {
            'CustomIceServers[0].Credential': ['Enter the TURN password.'],
            'CustomIceServers[2].Urls': [
              'URL 1: start with stun:, turn: or turns: followed by the host, like turn:turn.example.com:3478.',
            ],
            'CustomIceServers[2].Username': ['Enter the TURN user name.'],
            UseCustomIceServers: ['Not allowed.'],
            CustomIceServers: ['Use at most 10 servers.'],
          },
        }),
    });
    render(<Settings onSaved={() => {}} />, root);
    await vi.waitFor(() => byLabel(root, 'Server 1 URLs'));

    type(byLabel(root, 'Server 1 Username'), 'renamed');
    click(button(root, 'Add server'));
    type(byLabel(root, 'Server 3 URLs'), 'http://nope');
    click(button(root, 'Save settings'));

    await vi.waitFor(() =>
      expect(errorFor('Server 1 Credential')).toBe('Enter the TURN password.'),
    );
    expect(byLabel(root, 'Server 1 Credential').getAttribute('aria-invalid')).toBe('true');
    expect(errorFor('Server 1 URLs')).toBeNull();
    expect(errorFor('Server 1 Username')).toBeNull();
    expect(errorFor('Server 2 URLs')).toBeNull();
    expect(errorFor('Server 2 Credential')).toBeNull();
    expect(errorFor('Server 3 URLs')).toMatch(/^URL 1: start with stun:/);
    expect(errorFor('Server 3 Username')).toBe('Enter the TURN user name.');
    expect(errorFor('Use our own TURN/STUN servers')).toBe('Not allowed.');
    expect(root.querySelector('#custom-ice-servers-error')?.textContent).toBe(
      'Use at most 10 servers.',
    );
    expect(root.querySelector('[role="alert"]')?.textContent).toBe(
      'Please correct the fields marked below.',
    );
    expect(calls.find((c) => c.method === 'PUT')?.body).toMatchObject({
      customIceServers: [
        { username: 'renamed', credential: null },
        { urls: ['stun:stun.acme.example:3478'], username: null, credential: null },
        { urls: ['http://nope'], username: null, credential: null },
      ],
    });

    // Removing a row keeps each error with the entry it was about.
    click(button(root, 'Remove server 2'));
    expect(errorFor('Server 1 Credential')).toBe('Enter the TURN password.');
    expect(errorFor('Server 2 URLs')).toMatch(/^URL 1: start with stun:/);
    expect(errorFor('Server 2 Username')).toBe('Enter the TURN user name.');
  });
});
