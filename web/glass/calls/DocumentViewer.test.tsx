import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeSignaling } from '../../shared/calls/fakeSignaling';
import type { SessionSignaling } from '../../shared/calls/signaling';
import type { DocumentShown } from '../../shared/collaboration/types';
import { fakeFetch } from '../../shared/testing';
import { DocumentViewer } from './DocumentViewer';

// pdf.js needs a real canvas; the viewer's own logic is what is tested here.
const rendered: number[] = [];
vi.mock('./pdfRenderer', () => ({
  openPdf: async () => ({
    pageCount: 3,
    render: async (page: number) => {
      rendered.push(page);
    },
    destroy: () => undefined,
  }),
}));

let root: HTMLElement;
let hub: FakeSignaling;
let closed: number;

function shown(contentType: string): DocumentShown {
  return { callId: 'c1', fileId: 'f1', contentType, displayName: 'Manual' };
}

function show(contentType: string) {
  return act(async () =>
    render(
      <DocumentViewer
        signaling={hub as unknown as SessionSignaling}
        document={shown(contentType)}
        onClose={() => closed++}
      />,
      root,
    ),
  );
}

function press(key: string) {
  act(() => {
    document.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
  });
}

function reported() {
  return hub.invoked.filter((i) => i.method === 'ReportPage').map((i) => i.args[0]);
}

function button(name: string): HTMLButtonElement {
  const found = [...root.querySelectorAll('button')].find((b) => b.textContent === name);
  if (!found) throw new Error(`No button ${name}`);
  return found;
}

beforeEach(async () => {
  root = document.createElement('div');
  document.body.append(root);
  hub = new FakeSignaling();
  await hub.start();
  closed = 0;
  rendered.length = 0;
  fakeFetch({ 'GET /api/files/f1/content': () => new Response(new Uint8Array([37, 80, 68, 70])) });
});

afterEach(() => {
  render(null, root);
  root.remove();
  vi.unstubAllGlobals();
});

describe('glass document viewer', () => {
  it('opens a PDF on page 1 and reports each page, turned by keys or by the expert', async () => {
    await show('application/pdf');
    await vi.waitFor(() => expect(reported()).toEqual([{ callId: 'c1', page: 1, pageCount: 3 }]));
    const canvas = root.querySelector('[data-testid="document-canvas"]')!;
    await vi.waitFor(() => expect(canvas.getAttribute('data-page')).toBe('1'));
    expect(document.activeElement?.textContent).toBe('Next');

    press('ArrowRight');
    await vi.waitFor(() => expect(canvas.getAttribute('data-page')).toBe('2'));
    act(() => hub.emit('pageTurned', { callId: 'c1', page: 3, pageCount: null }));
    act(() => hub.emit('pageTurned', { callId: 'other', page: 1, pageCount: null }));
    await vi.waitFor(() => expect(canvas.getAttribute('data-page')).toBe('3'));
    press('PageDown');
    press('PageUp');
    expect(reported().map((r) => (r as { page: number }).page)).toEqual([1, 2, 3, 2]);
    expect(root.textContent).toContain('Page 2 of 3');

    press('+');
    await vi.waitFor(() => expect(canvas.getAttribute('data-zoom')).toBe('1.5'));
    expect(root.textContent).toContain('150%');
    act(() => button('Zoom out').click());
    await vi.waitFor(() => expect(canvas.getAttribute('data-zoom')).toBe('1'));

    press('Escape');
    expect(closed).toBe(1);
  });

  it('shows an image like a shown image, closed with Escape', async () => {
    const create = vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:x');
    const revoke = vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    await show('image/png');
    const viewer = root.querySelector('[data-testid="document-viewer"]')!;
    await vi.waitFor(() =>
      expect(viewer.querySelector('[data-testid="shown-image"]')?.getAttribute('src')).toBe(
        'blob:x',
      ),
    );
    expect(root.querySelector('[data-testid="document-canvas"]')).toBeNull();
    press('Escape');
    expect(closed).toBe(1);
    create.mockRestore();
    revoke.mockRestore();
  });

  it('plays and pauses a video from the file content URL', async () => {
    const play = vi.spyOn(HTMLMediaElement.prototype, 'play').mockImplementation(function (
      this: HTMLMediaElement,
    ) {
      this.dispatchEvent(new Event('play'));
      return Promise.resolve();
    });
    await show('video/mp4');
    const video = root.querySelector<HTMLVideoElement>('[data-testid="document-video"]')!;
    expect(video.getAttribute('src')).toBe('/api/files/f1/content');
    expect(document.activeElement?.textContent).toBe('Play');
    act(() => button('Play').click());
    expect(play).toHaveBeenCalled();
    expect(button('Pause')).toBeTruthy();
    act(() => {
      video.dispatchEvent(new Event('pause'));
    });
    expect(button('Play')).toBeTruthy();
    act(() => button('Close').click());
    expect(closed).toBe(1);
    expect(reported()).toEqual([]);
    play.mockRestore();
  });
});
