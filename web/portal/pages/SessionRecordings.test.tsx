import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RecordingInfo } from '../../shared/contracts';
import { fakeFetch, json } from '../../shared/testing';
import { SessionRecordings, refreshMs } from './SessionRecordings';

const callId = '0197a0b2-1111-7000-8000-000000000001';
const url = `GET /api/calls/${callId}/recordings`;

function recording(id: string, extra: Partial<RecordingInfo> = {}): RecordingInfo {
  return {
    id,
    callId,
    startedById: 'u-ada',
    startedByName: 'Ada Admin',
    startedAt: '2025-03-01T10:01:00Z',
    stoppedAt: '2025-03-01T10:06:05Z',
    status: 'Ready',
    failureReason: null,
    note: null,
    durationMs: 305_000,
    length: 18_400_000,
    contentType: 'video/webm',
    contentUrl: `/api/recordings/${id}/content`,
    webcamLength: null,
    webcamUrl: null,
    ...extra,
  };
}

const processing = recording('r-2', {
  status: 'Processing',
  durationMs: null,
  length: null,
  contentType: null,
  contentUrl: null,
});

let root: HTMLElement;

beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
});

afterEach(() => {
  render(null, root);
  root.remove();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

async function show(): Promise<HTMLElement[]> {
  render(<SessionRecordings callId={callId} />, root);
  await vi.waitFor(() => expect(root.querySelector('.loading')).toBeNull());
  return Array.from(root.querySelectorAll<HTMLElement>('[data-testid="recording"]'));
}

describe('the recordings of a session', () => {
  it('plays a ready recording from its content URL and offers it for download', async () => {
    fakeFetch({
      [url]: () =>
        json(200, [
          recording('r-1', { webcamUrl: '/api/recordings/r-1/webcam', webcamLength: 2_000_000 }),
        ]),
    });
    const [item] = await show();

    expect(item!.textContent).toContain('Started by Ada Admin');
    expect(item!.textContent).toContain('5:05');
    expect(item!.textContent).toContain('18 MB');
    const player = item!.querySelector<HTMLVideoElement>('[data-testid="recording-player"]')!;
    expect(player.getAttribute('src')).toBe('/api/recordings/r-1/content');
    expect(player.hasAttribute('controls')).toBe(true);
    expect(player.getAttribute('preload')).toBe('none');
    const downloads = Array.from(item!.querySelectorAll('a[download]')).map((a) => [
      a.textContent,
      a.getAttribute('href'),
    ]);
    expect(downloads).toEqual([
      ['Download', '/api/recordings/r-1/content?download=1'],
      ['Download webcam (1.9 MB)', '/api/recordings/r-1/webcam?download=1'],
    ]);
    expect(item!.querySelector('[data-testid="webcam-player"]')!.getAttribute('src')).toBe(
      '/api/recordings/r-1/webcam',
    );
  });

  it('says Processing… without a player, and the reason of a failed one', async () => {
    fakeFetch({
      [url]: () =>
        json(200, [
          processing,
          recording('r-3', {
            status: 'Failed',
            failureReason: 'ffmpeg could not build the recording (disk full).',
            contentUrl: null,
            durationMs: null,
            length: null,
          }),
        ]),
    });
    const [first, second] = await show();

    expect(first!.querySelector('[data-testid="recording-status"]')!.textContent).toBe(
      'Processing…',
    );
    expect(first!.querySelector('video')).toBeNull();
    expect(first!.querySelector('a')).toBeNull();
    const failed = second!.querySelector('[role="alert"]')!;
    expect(failed.textContent).toContain('ffmpeg could not build the recording (disk full).');
    expect(second!.querySelector('video')).toBeNull();
  });

  it('looks again while one is processing, and shows the player once it is ready', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    let ready = false;
    const calls = fakeFetch({ [url]: () => json(200, [ready ? recording('r-2') : processing]) });
    await show();
    expect(root.querySelector('video')).toBeNull();

    ready = true;
    await vi.advanceTimersByTimeAsync(refreshMs);
    await vi.waitFor(() =>
      expect(root.querySelector('[data-testid="recording-player"]')).toBeTruthy(),
    );
    expect(calls.filter((c) => c.url.endsWith('/recordings'))).toHaveLength(2);
  });

  it('tells a technician the recordings are for experts, and shows an empty list plainly', async () => {
    fakeFetch({ [url]: () => json(403, { title: 'Forbidden' }) });
    await show();
    expect(root.textContent).toContain("shown to the organisation's experts and admins");

    render(null, root);
    fakeFetch({ [url]: () => json(200, []) });
    await show();
    expect(root.textContent).toContain('No recordings in this session.');
  });
});
