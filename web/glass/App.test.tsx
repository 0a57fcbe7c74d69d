import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { button, byLabel, click, fakeFetch, json, press, type } from '../shared/testing';
import { App } from './App';

// No hub in component tests: the call engine talks to a fake (see calls/Station.test.tsx).
vi.mock('../shared/calls/signaling', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../shared/calls/signaling')>();
  const { FakeSignaling } = await import('../shared/calls/fakeSignaling');
  return { ...actual, SessionSignaling: FakeSignaling };
});

const identity = {
  deviceId: 'd1',
  deviceName: 'RealWear HMT-1',
  technicianId: 't1',
  technicianName: 'Tom Technician',
  organizationName: 'Acme',
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

const alertText = () => root.querySelector('[role="alert"]')?.textContent;

describe('glass app', () => {
  it('shows the waiting screen for a paired device', async () => {
    fakeFetch({ 'GET /api/device/me': () => json(200, identity) });
    render(<App />, root);
    await vi.waitFor(() => expect(root.textContent).toContain('Waiting for calls'));
    expect(root.textContent).toContain('Tom Technician');
    expect(root.textContent).toContain('RealWear HMT-1');
  });

  it('shows why the device must pair again', async () => {
    fakeFetch({
      'GET /api/device/me': () =>
        json(401, { title: 'Unauthorized', detail: 'This device was revoked by an admin.' }),
    });
    render(<App />, root);
    await vi.waitFor(() => expect(alertText()).toBe('This device was revoked by an admin.'));
    expect(byLabel(root, 'Pairing code').getAttribute('inputmode')).toBe('numeric');
    expect(button(root, 'Pair')).toBeTruthy();
    expect(button(root, 'Scan')).toBeTruthy();
  });

  it('pairs with a code entered on the D-pad, then waits for calls', async () => {
    let paired = false;
    const calls = fakeFetch({
      'GET /api/device/me': () => (paired ? json(200, identity) : json(401, {})),
      'POST /api/pairing/claim': () => {
        paired = true;
        return new Response(null, { status: 204 });
      },
    });
    render(<App />, root);
    await vi.waitFor(() => byLabel(root, 'Pairing code'));
    const input = byLabel(root, 'Pairing code');
    expect(alertText()).toBeUndefined();

    // Up from empty gives 0, Down gives 9: boxes read 1, 2, 0, 0, 0, 9.
    press(input, 'ArrowUp');
    press(input, 'ArrowUp');
    press(input, 'ArrowRight');
    for (let i = 0; i < 3; i++) press(input, 'ArrowUp');
    for (const key of ['ArrowRight', 'ArrowUp', 'ArrowRight', 'ArrowUp', 'ArrowRight', 'ArrowUp']) {
      press(input, key);
    }
    press(input, 'ArrowRight');
    press(input, 'ArrowDown');
    expect(input.value).toBe('120009');
    press(input, 'Enter');

    await vi.waitFor(() => expect(root.textContent).toContain('Waiting for calls'));
    const claim = calls.find((c) => c.url === '/api/pairing/claim')!;
    expect(claim.body).toMatchObject({ code: '120009' });
    expect(typeof (claim.body as { deviceName: unknown }).deviceName).toBe('string');
    expect(claim.headers['X-CSRF-TOKEN']).toBe('t');
  });

  it('shows the server errors when a claim fails', async () => {
    fakeFetch({
      'GET /api/device/me': () => json(401, {}),
      'POST /api/pairing/claim': () =>
        json(400, { title: 'Bad Request', errors: { Code: ['This code has expired.'] } }),
    });
    render(<App />, root);
    await vi.waitFor(() => byLabel(root, 'Pairing code'));
    type(byLabel(root, 'Pairing code'), '654321');
    click(button(root, 'Pair'));
    await vi.waitFor(() => expect(alertText()).toBe('This code has expired.'));
  });

  it('asks for all six digits before claiming', async () => {
    const calls = fakeFetch({ 'GET /api/device/me': () => json(401, {}) });
    render(<App />, root);
    await vi.waitFor(() => byLabel(root, 'Pairing code'));
    type(byLabel(root, 'Pairing code'), '12');
    click(button(root, 'Pair'));
    expect(alertText()).toBe('Enter all 6 digits.');
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
  });
});
