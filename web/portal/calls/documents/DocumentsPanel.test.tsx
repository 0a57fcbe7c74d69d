import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CallController } from '../../../shared/calls/controller';
import { FakeSignaling } from '../../../shared/calls/fakeSignaling';
import { LocalMedia } from '../../../shared/calls/localMedia';
import type { SessionSignaling } from '../../../shared/calls/signaling';
import type { SessionFileInfo } from '../../../shared/collaboration/types';
import { fakeFetch, json } from '../../../shared/testing';
import { DocumentsPanel, ShownDocumentBar } from './DocumentsPanel';
import { useDocumentOnGlasses } from './useDocumentOnGlasses';

let root: HTMLElement;
let hub: FakeSignaling;
let controller: CallController;

function file(id: string, callId: string | null, name: string): SessionFileInfo {
  return {
    id,
    callId,
    kind: 'Document',
    contentType: 'application/pdf',
    displayName: name,
    length: 2048,
    sha256: '0'.repeat(64),
    width: null,
    height: null,
    sourceFileId: null,
    createdById: 'e1',
    createdByName: 'Erin',
    createdAt: '2026-01-01T00:00:00+00:00',
    contentUrl: `/api/files/${id}/content`,
    thumbnailUrl: null,
  };
}

function Harness() {
  const glasses = useDocumentOnGlasses(controller, 'c1');
  return (
    <>
      <ShownDocumentBar glasses={glasses} />
      <DocumentsPanel callId="c1" glasses={glasses} onClose={() => undefined} />
    </>
  );
}

function button(name: string, within: ParentNode = root): HTMLButtonElement {
  const found = [...within.querySelectorAll('button')].find((b) => b.textContent === name);
  if (!found) throw new Error(`No button ${name}`);
  return found;
}

beforeEach(async () => {
  root = document.createElement('div');
  document.body.append(root);
  hub = new FakeSignaling();
  await hub.start();
  controller = new CallController({
    selfUserId: 'e1',
    media: new LocalMedia({ cameraAtStart: false }),
    signaling: hub as unknown as SessionSignaling,
  });
});

afterEach(() => {
  render(null, root);
  root.remove();
  vi.unstubAllGlobals();
});

describe('portal documents panel', () => {
  it('copies a library document to the call, shows it and turns its pages', async () => {
    const calls = fakeFetch({
      'GET /api/calls/c1/files': () => json(200, []),
      'GET /api/library/documents': () => json(200, [file('lib1', null, 'Pump manual.pdf')]),
      'POST /api/calls/c1/files/from-library/lib1': () =>
        json(201, { ...file('f9', 'c1', 'Pump manual.pdf'), sourceFileId: 'lib1' }),
    });
    await act(async () => render(<Harness />, root));
    const library = await vi.waitFor(() => {
      const list = root.querySelector('[data-testid="library-documents"]');
      if (!list) throw new Error('not loaded');
      return list;
    });

    await act(async () => button('Show on glasses', library).click());
    await vi.waitFor(() =>
      expect(hub.invoked.filter((i) => i.method === 'ShowDocument').map((i) => i.args[0])).toEqual([
        { callId: 'c1', fileId: 'f9' },
      ]),
    );
    expect(calls.some((c) => c.method === 'POST' && c.url.endsWith('/from-library/lib1'))).toBe(
      true,
    );
    const page = () => root.querySelector('[data-testid="document-page"]')?.textContent;
    await vi.waitFor(() => expect(page()).toBe('Page 1'));

    act(() => hub.emit('pageTurned', { callId: 'c1', page: 2, pageCount: 5 }));
    expect(page()).toBe('Page 2 of 5');
    await act(async () => button('Next page').click());
    expect(hub.invoked.find((i) => i.method === 'TurnPage')?.args[0]).toEqual({
      callId: 'c1',
      page: 3,
      pageCount: null,
    });
    expect(page()).toBe('Page 3 of 5');

    act(() => hub.emit('shownDismissed', 'c1'));
    expect(root.querySelector('[data-testid="document-page"]')).toBeNull();
  });
});
