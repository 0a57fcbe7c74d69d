import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CurrentUserResponse } from '../../shared/contracts';
import type { CallHistoryEntry } from '../../shared/calls/types';
import type { ChatMessageInfo, SessionFileInfo } from '../../shared/collaboration/types';
import { button, click, fakeFetch, json, press } from '../../shared/testing';
import { Calls } from './Calls';
import { SessionPage, formatBytes } from './SessionPage';

const callId = '0197a0b2-1111-7000-8000-000000000001';

const call: CallHistoryEntry = {
  callId,
  caller: { userId: 'u-ada', displayName: 'Ada Admin', role: 'OrgAdmin' },
  callee: { userId: 'u-tess', displayName: 'Tess Technician', role: 'Technician' },
  startedAt: '2025-03-01T10:00:00Z',
  answeredAt: '2025-03-01T10:00:05Z',
  endedAt: '2025-03-01T10:04:10Z',
  endReason: 'HungUp',
  durationSeconds: 245,
  others: [{ userId: 'g1', displayName: 'Gina Guest', role: 'Guest' }],
};

function file(
  id: string,
  kind: SessionFileInfo['kind'],
  name: string,
  extra = {},
): SessionFileInfo {
  const image = kind !== 'Document';
  return {
    id,
    callId,
    kind,
    contentType: image ? 'image/jpeg' : 'application/pdf',
    displayName: name,
    length: image ? 120_000 : 2_500_000,
    sha256: 'ab'.repeat(32),
    width: image ? 1920 : null,
    height: image ? 1080 : null,
    sourceFileId: null,
    createdById: 'u-tess',
    createdByName: 'Tess Technician',
    createdAt: '2025-03-01T10:01:00Z',
    contentUrl: `/api/files/${id}/content`,
    thumbnailUrl: image ? `/api/files/${id}/thumbnail` : null,
    ...extra,
  };
}

const files: SessionFileInfo[] = [
  file('f-photo', 'Photo', 'photo.jpg'),
  file('f-annotated', 'AnnotatedImage', 'annotated.png', { createdByName: 'Ada Admin' }),
  file('f-manual', 'Document', 'Pump manual.pdf'),
];

const chat: ChatMessageInfo[] = [
  {
    id: 'm1',
    callId,
    senderId: 'u-ada',
    senderName: 'Ada Admin',
    text: 'Check the valve <b>now</b>',
    sentAt: '2025-03-01T10:02:00Z',
  },
  {
    id: 'm2',
    callId,
    senderId: 'u-tess',
    senderName: 'Tess Technician',
    text: '<img src=x onerror=alert(1)>\nDone',
    sentAt: '2025-03-01T10:03:00Z',
  },
];

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

async function renderSession(chatRoute = () => json(200, chat)) {
  const calls = fakeFetch({
    [`GET /api/calls/${callId}`]: () => json(200, call),
    [`GET /api/calls/${callId}/files`]: () => json(200, files),
    [`GET /api/calls/${callId}/chat`]: chatRoute,
    [`GET /api/calls/${callId}/recordings`]: () => json(200, []),
  });
  render(<SessionPage callId={callId} />, root);
  await vi.waitFor(() =>
    expect(root.querySelector('[data-testid="session-summary"]')).toBeTruthy(),
  );
  return calls;
}

function links(name: string): HTMLAnchorElement[] {
  return Array.from(root.querySelectorAll('a')).filter((a) => a.textContent?.trim() === name);
}

describe('the session page', () => {
  it('has a Recordings section after the documents', async () => {
    await renderSession();
    await vi.waitFor(() => expect(root.textContent).toContain('No recordings in this session.'));
    const headings = Array.from(root.querySelectorAll('h2')).map((h) => h.textContent);
    expect(headings).toEqual(['Images', 'Documents', 'Recordings', 'Chat']);
  });

  it('shows who called whom, when, for how long and how it ended', async () => {
    await renderSession();
    const summary = root.querySelector('[data-testid="session-summary"]')!;
    const pairs = Array.from(summary.querySelectorAll('div')).map((d) => [
      d.querySelector('dt')!.textContent,
      d.querySelector('dd')!.textContent,
    ]);
    expect(pairs).toEqual([
      ['Caller', 'Ada Admin'],
      ['Callee', 'Tess Technician'],
      ['Also in the call', 'Gina Guest (guest)'],
      ['Started', expect.any(String)],
      ['Duration', '4:05'],
      ['Outcome', 'Completed'],
    ]);
  });

  it('shows the images as same-origin thumbnails and the documents with size, Open and Download', async () => {
    await renderSession();
    const items = root.querySelectorAll('[data-testid="gallery-item"]');
    expect(items).toHaveLength(2);
    const thumbs = Array.from(root.querySelectorAll<HTMLImageElement>('[data-testid="thumbnail"]'));
    expect(thumbs.map((img) => img.getAttribute('src'))).toEqual([
      '/api/files/f-photo/thumbnail',
      '/api/files/f-annotated/thumbnail',
    ]);
    expect(thumbs.map((img) => img.alt)).toEqual(['photo.jpg', 'annotated.png']);
    expect(items[0]!.textContent).toContain('Photo');
    expect(items[1]!.textContent).toContain('Annotated image');
    expect(items[1]!.textContent).toContain('Ada Admin');

    const documents = root.querySelector('[data-testid="session-documents"]')!;
    const row = documents.querySelector('tbody tr')!;
    expect(row.textContent).toContain('Pump manual.pdf');
    expect(row.textContent).toContain('2.4 MB');
    const open = links('Open');
    expect(open).toHaveLength(1);
    expect(open[0]!.getAttribute('href')).toBe('/api/files/f-manual/content');
    expect(open[0]!.target).toBe('_blank');
    expect(open[0]!.rel).toContain('noopener');
    const download = links('Download');
    expect(download).toHaveLength(1);
    expect(download[0]!.getAttribute('href')).toBe('/api/files/f-manual/content');
    expect(download[0]!.getAttribute('download')).toBe('Pump manual.pdf');
  });

  it('opens an image in a full view with Download; Escape and Close close it', async () => {
    await renderSession();
    const thumb = root.querySelector<HTMLButtonElement>(
      'button[aria-label="View photo photo.jpg"]',
    )!;
    click(thumb);

    const viewer = root.querySelector('[role="dialog"]')!;
    expect(viewer.getAttribute('aria-modal')).toBe('true');
    expect(viewer.querySelector('img')!.getAttribute('src')).toBe('/api/files/f-photo/content');
    expect(viewer.textContent).toContain('1920 × 1080');
    const download = Array.from(viewer.querySelectorAll('a')).find(
      (a) => a.textContent === 'Download',
    )!;
    expect(download.getAttribute('href')).toBe('/api/files/f-photo/content');
    expect(download.getAttribute('download')).toBe('photo.jpg');
    expect(document.activeElement).toBe(button(viewer, 'Close'));

    press(document.activeElement!, 'Escape');
    expect(root.querySelector('[role="dialog"]')).toBeNull();
    expect(document.activeElement).toBe(thumb);

    click(root.querySelector<HTMLButtonElement>('button[aria-label^="View annotated image"]')!);
    expect(root.querySelector('[role="dialog"] img')!.getAttribute('src')).toBe(
      '/api/files/f-annotated/content',
    );
    click(button(root.querySelector('[role="dialog"]')!, 'Close'));
    expect(root.querySelector('[role="dialog"]')).toBeNull();
  });

  it('shows the chat as plain text with sender and time', async () => {
    await renderSession();
    const messages = root.querySelectorAll('[data-testid="transcript-message"]');
    expect(messages).toHaveLength(2);
    expect(messages[0]!.textContent).toContain('Ada Admin');
    expect(messages[0]!.querySelector('.chat-text')!.textContent).toBe(
      'Check the valve <b>now</b>',
    );
    expect(messages[0]!.querySelector('time')!.getAttribute('datetime')).toBe(
      '2025-03-01T10:02:00Z',
    );
    expect(messages[1]!.querySelector('.chat-text')!.textContent).toBe(
      '<img src=x onerror=alert(1)>\nDone',
    );
    const transcript = root.querySelector('[data-testid="session-chat"]')!;
    expect(transcript.querySelector('b')).toBeNull();
    expect(transcript.querySelector('img')).toBeNull();
  });

  it('says so when the call has no files or chat, and when the chat is not for this user', async () => {
    fakeFetch({
      [`GET /api/calls/${callId}`]: () =>
        json(200, { ...call, answeredAt: null, endReason: 'Missed', durationSeconds: 0 }),
      [`GET /api/calls/${callId}/files`]: () => json(200, []),
      [`GET /api/calls/${callId}/chat`]: () => json(403, { title: 'Forbidden' }),
    });
    render(<SessionPage callId={callId} />, root);
    await vi.waitFor(() => expect(root.textContent).toContain('No snapshots or photos'));
    expect(root.textContent).toContain('No documents in this session.');
    expect(root.textContent).toContain(
      "The chat is shown to the organisation's experts and admins.",
    );
    expect(root.querySelector('[data-testid="session-summary"]')!.textContent).toContain('—');
  });

  it('shows "This session was not found" when the server does not show the call', async () => {
    fakeFetch({});
    render(<SessionPage callId={callId} />, root);
    await vi.waitFor(() =>
      expect(root.querySelector('[data-testid="session-not-found"]')?.textContent).toBe(
        'This session was not found.',
      ),
    );
    expect(root.querySelector('[data-testid="session-summary"]')).toBeNull();
    expect(links('Back to the call history')[0]!.getAttribute('href')).toBe('/calls');
  });

  it('shows other failures with a way to try again', async () => {
    let fail = true;
    fakeFetch({
      [`GET /api/calls/${callId}`]: () =>
        fail ? json(500, { title: 'The server had a problem.' }) : json(200, call),
      [`GET /api/calls/${callId}/files`]: () => json(200, files),
      [`GET /api/calls/${callId}/chat`]: () => json(200, chat),
    });
    render(<SessionPage callId={callId} />, root);
    await vi.waitFor(() =>
      expect(root.querySelector('[role="alert"]')?.textContent).toBe('The server had a problem.'),
    );
    fail = false;
    click(button(root, 'Try again'));
    await vi.waitFor(() =>
      expect(root.querySelector('[data-testid="session-summary"]')).toBeTruthy(),
    );
    expect(root.querySelector('[role="alert"]')).toBeNull();
  });
});

describe('the call history', () => {
  it('links each call to its session page', async () => {
    const me = { id: 'u-ada', role: 'Expert' } as CurrentUserResponse;
    fakeFetch({ 'GET /api/calls': () => json(200, [call]) });
    render(<Calls me={me} />, root);
    await vi.waitFor(() => expect(root.querySelectorAll('tbody tr')).toHaveLength(1));
    const link = root.querySelector<HTMLAnchorElement>('tbody tr a')!;
    expect(link.getAttribute('href')).toBe(`/calls/${callId}`);

    click(link);
    expect(location.pathname).toBe(`/calls/${callId}`);
  });
});

describe('formatBytes', () => {
  it('uses B, KB, MB and GB', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(120_000)).toBe('117 KB');
    expect(formatBytes(2_500_000)).toBe('2.4 MB');
    expect(formatBytes(5 * 1024 ** 3)).toBe('5.0 GB');
  });
});
