import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { button, byLabel, click, fakeFetch, json, type } from '../shared/testing';
import { JoinApp } from './JoinApp';
import { messages } from './mediaCheck';

const token = 'A'.repeat(43);
const session = { callId: 'call-1', displayName: 'Gina Guest', organizationName: 'Contoso' };
const notSignedIn = () => json(401, { title: 'Join with an invitation link first.', status: 401 });

let root: HTMLElement;
// Stops of the streams made in the current test (a previous test's late cleanup counts elsewhere).
let stops = { count: 0 };

function fakeStream(): MediaStream {
  const mine = stops;
  const track = { stop: () => mine.count++, getSettings: () => ({ deviceId: 'cam-1' }) };
  // A real (happy-dom) MediaStream, so a <video> accepts it, with one fake camera track.
  return Object.assign(new MediaStream(), {
    getTracks: () => [track],
    getVideoTracks: () => [track],
    getAudioTracks: () => [],
  }) as unknown as MediaStream;
}

function useMediaDevices(getUserMedia: (c: MediaStreamConstraints) => Promise<MediaStream>) {
  const devices = {
    getUserMedia: vi.fn(getUserMedia),
    enumerateDevices: vi.fn(async () => [
      { kind: 'videoinput', deviceId: 'cam-1', label: 'Front camera' },
      { kind: 'videoinput', deviceId: 'cam-2', label: 'Back camera' },
      { kind: 'audioinput', deviceId: 'mic-1', label: 'Headset' },
    ]),
  };
  Object.defineProperty(window.navigator, 'mediaDevices', { configurable: true, value: devices });
  return devices;
}

const text = () => root.textContent ?? '';

async function toDeviceCheck(name = 'Gina Guest') {
  await vi.waitFor(() => byLabel(root, 'Your name'));
  type(byLabel(root, 'Your name'), name);
  click(button(root, 'Continue'));
  await vi.waitFor(() => expect(text()).toContain('Check your camera and microphone'));
  await vi.waitFor(() => expect(button(root, 'Join session').disabled).toBe(false));
}

beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
  stops = { count: 0 };
  useMediaDevices(async () => fakeStream());
});

afterEach(() => {
  render(null, root);
  root.remove();
  vi.unstubAllGlobals();
});

describe('JoinApp', () => {
  it('asks for a name, lists every problem with it, then checks camera and microphone', async () => {
    fakeFetch({ 'GET /api/guest/me': notSignedIn });
    render(<JoinApp token={token} />, root);
    await vi.waitFor(() => byLabel(root, 'Your name'));

    click(button(root, 'Continue'));
    expect(text()).toContain('Enter your name.');

    type(byLabel(root, 'Your name'), `${'a'.repeat(60)}\u0007`);
    click(button(root, 'Continue'));
    expect(text()).toContain('Use at most 60 characters for your name.');
    expect(text()).toContain('Remove control and invisible characters from your name.');
    expect(text()).not.toContain('Check your camera and microphone');

    type(byLabel(root, 'Your name'), '  Gina Guest ');
    click(button(root, 'Continue'));
    await vi.waitFor(() => expect(text()).toContain('Check your camera and microphone'));
    expect(text()).toContain('You will join as Gina Guest.');
    await vi.waitFor(() =>
      expect(root.querySelector('[data-testid="camera-preview"]')).not.toBeNull(),
    );
    expect(root.querySelector('[data-testid="mic-level"]')).not.toBeNull();
    await vi.waitFor(() =>
      expect((byLabel(root, 'Camera') as unknown as HTMLSelectElement).options.length).toBe(2),
    );
    expect(byLabel(root, 'Microphone').textContent).toContain('Headset');
  });

  it('joins with the token and the trimmed name, then shows the session', async () => {
    const calls = fakeFetch({
      'GET /api/guest/me': notSignedIn,
      'POST /api/guest/join': () => json(200, session),
    });
    render(<JoinApp token={token} />, root);
    await toDeviceCheck('  Gina Guest  ');

    click(button(root, 'Join session'));

    await vi.waitFor(() => expect(text()).toContain('Joining as Gina Guest…'));
    const join = calls.find((c) => c.url === '/api/guest/join')!;
    expect(join.body).toEqual({ token, displayName: 'Gina Guest' });
    expect(join.headers['X-CSRF-TOKEN']).toBe('t');
    // The checked camera is released: the call view opens its own with the same permission.
    await vi.waitFor(() => expect(stops.count).toBeGreaterThan(0));
  });

  it.each([
    [410, 'This invitation has expired.'],
    [409, 'This invitation was already used.'],
    [410, 'This invitation was withdrawn.'],
    [404, 'This invitation is not valid.'],
  ])('shows the server’s reason when the link cannot be used (%i %s)', async (status, title) => {
    fakeFetch({
      'GET /api/guest/me': notSignedIn,
      'POST /api/guest/join': () =>
        json(status, { title, detail: 'Ask the expert who invited you for a new link.', status }),
    });
    render(<JoinApp token={token} />, root);
    await toDeviceCheck();

    click(button(root, 'Join session'));

    await vi.waitFor(() =>
      expect(root.querySelector('[data-testid="join-error"]')?.textContent).toBe(
        `${title} Ask the expert who invited you for a new link.`,
      ),
    );
    expect(text()).not.toContain('Join session');
    expect(stops.count).toBe(1);
  });

  it('goes back to the name step with the server’s name problems', async () => {
    fakeFetch({
      'GET /api/guest/me': notSignedIn,
      'POST /api/guest/join': () =>
        json(400, {
          title: 'One or more validation errors occurred.',
          status: 400,
          errors: { DisplayName: ['Use at most 60 characters for your name.'] },
        }),
    });
    render(<JoinApp token={token} />, root);
    await toDeviceCheck();

    click(button(root, 'Join session'));

    await vi.waitFor(() => byLabel(root, 'Your name'));
    expect(text()).toContain('Use at most 60 characters for your name.');
  });

  it('tells the guest when camera and microphone are blocked', async () => {
    useMediaDevices(async () =>
      Promise.reject(Object.assign(new Error('denied'), { name: 'NotAllowedError' })),
    );
    fakeFetch({ 'GET /api/guest/me': notSignedIn });
    render(<JoinApp token={token} />, root);
    await vi.waitFor(() => byLabel(root, 'Your name'));
    type(byLabel(root, 'Your name'), 'Gina');
    click(button(root, 'Continue'));

    await vi.waitFor(() =>
      expect(root.querySelector('[data-testid="media-problem"]')?.textContent).toBe(
        messages.denied,
      ),
    );
    expect(button(root, 'Try again')).toBeTruthy();
    expect(text()).toContain('No camera picture');
  });

  it('goes straight to the session after a reload', async () => {
    fakeFetch({ 'GET /api/guest/me': () => json(200, session) });
    render(<JoinApp token={null} />, root);

    await vi.waitFor(() => expect(text()).toContain('Joining as Gina Guest'));
    expect(text()).not.toContain('Your name');
  });

  it('explains how to join when opened without a link', async () => {
    fakeFetch({
      'GET /api/guest/me': () =>
        json(401, {
          title: 'Join with an invitation link first.',
          detail: 'The session has ended.',
        }),
    });
    render(<JoinApp token={null} />, root);

    await vi.waitFor(() => expect(text()).toContain('invitation link that an expert sends'));
    expect(root.querySelector('[role="alert"]')?.textContent).toBe('The session has ended.');
  });
});
