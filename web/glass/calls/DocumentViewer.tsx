import { useEffect, useReducer, useRef, useState } from 'preact/hooks';
import { ApiError } from '../../shared/api';
import type { SessionSignaling } from '../../shared/calls/signaling';
import { SignalingEvent } from '../../shared/calls/signalingEvents';
import type { DocumentShown } from '../../shared/collaboration/types';
import { documentKey, documentViewReducer, initialDocumentView, pageText } from './documentView';
import type { PdfFile } from './pdfRenderer';
import { ShownImage } from './ShownImage';

type Signaling = Pick<SessionSignaling, 'on' | 'reportPage'>;

function contentUrl(fileId: string): string {
  return `/api/files/${encodeURIComponent(fileId)}/content`;
}

/**
 * A document, image or video the expert shows, full screen over the camera until closed
 * ("Close", Escape). PDFs page by page, images like a shown image, videos with Play/Pause.
 */
export function DocumentViewer({
  signaling,
  document,
  onClose,
}: {
  signaling: Signaling;
  document: DocumentShown;
  onClose: () => void;
}) {
  const type = document.contentType;
  return (
    <div
      class="document-viewer"
      data-testid="document-viewer"
      // A shown image is a dialog of its own.
      role={type.startsWith('image/') ? undefined : 'dialog'}
      aria-label={document.displayName}
    >
      {type === 'application/pdf' ? (
        <PdfView signaling={signaling} document={document} onClose={onClose} />
      ) : type.startsWith('video/') ? (
        <VideoView document={document} onClose={onClose} />
      ) : (
        <ShownImage fileId={document.fileId} onClose={onClose} />
      )}
    </div>
  );
}

/** Escape closes; the other keys go to `onKey` (capture phase: ahead of the page's arrow-key focus movement). */
function useViewerKeys(onClose: () => void, onKey: (event: KeyboardEvent) => boolean) {
  const latest = useRef({ onClose, onKey });
  latest.current = { onClose, onKey };
  useEffect(() => {
    const listener = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      let handled = true;
      if (event.key === 'Escape') latest.current.onClose();
      else handled = latest.current.onKey(event);
      if (handled) {
        event.preventDefault();
        event.stopPropagation();
      }
    };
    window.document.addEventListener('keydown', listener, true);
    return () => window.document.removeEventListener('keydown', listener, true);
  }, []);
}

/** Up / Down walk the viewer's own buttons (not the call bar hidden behind it). */
function moveFocusWithin(bar: HTMLElement | null, delta: 1 | -1): void {
  if (!bar) return;
  const buttons = Array.from(bar.querySelectorAll<HTMLButtonElement>('button:not([disabled])'));
  if (buttons.length === 0) return;
  const index = buttons.indexOf(window.document.activeElement as HTMLButtonElement);
  const next = index === -1 ? 0 : (index + delta + buttons.length) % buttons.length;
  buttons[next]?.focus();
}

async function loadBytes(fileId: string, signal: AbortSignal): Promise<ArrayBuffer> {
  const response = await fetch(contentUrl(fileId), {
    credentials: 'same-origin',
    cache: 'no-store',
    signal,
  });
  if (!response.ok)
    throw new ApiError(response.status, { title: 'The document could not be loaded.' });
  return response.arrayBuffer();
}

function PdfView({
  signaling,
  document,
  onClose,
}: {
  signaling: Signaling;
  document: DocumentShown;
  onClose: () => void;
}) {
  const { callId, fileId } = document;
  const [view, dispatch] = useReducer(documentViewReducer, initialDocumentView);
  const [pdf, setPdf] = useState<PdfFile | null>(null);
  const [error, setError] = useState<string | null>(null);
  // The page and zoom last drawn completely (data-page / data-zoom: tests wait for them).
  const [rendered, setRendered] = useState({ page: 0, zoom: 1 });
  const area = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const bar = useRef<HTMLDivElement>(null);
  const next = useRef<HTMLButtonElement>(null);
  const close = useRef<HTMLButtonElement>(null);

  // The PDF lives in memory only, for as long as it is shown.
  useEffect(() => {
    const abort = new AbortController();
    let opened: PdfFile | undefined;
    setPdf(null);
    setError(null);
    dispatch({ type: 'reset' });
    (async () => {
      const [renderer, data] = await Promise.all([
        import('./pdfRenderer'),
        loadBytes(fileId, abort.signal),
      ]);
      if (abort.signal.aborted) return;
      const file = await renderer.openPdf(data);
      if (abort.signal.aborted) {
        file.destroy();
        return;
      }
      opened = file;
      setPdf(file);
      dispatch({ type: 'loaded', pageCount: file.pageCount });
    })().catch((e: unknown) => {
      if (abort.signal.aborted) return;
      console.warn('PDF not opened', e);
      setError(e instanceof ApiError ? e.message : 'The document could not be opened.');
    });
    return () => {
      abort.abort();
      opened?.destroy();
    };
  }, [fileId]);

  // The expert turns the page.
  useEffect(
    () =>
      signaling.on(SignalingEvent.PageTurned, (command) => {
        if (command.callId === callId) dispatch({ type: 'goTo', page: command.page });
      }),
    [signaling, callId],
  );

  // Tell the experts where the technician is ("Page 2 of 5"), whoever turned the page.
  useEffect(() => {
    if (view.pageCount === 0) return;
    signaling
      .reportPage({ callId, page: view.page, pageCount: view.pageCount })
      .catch((e: unknown) => console.warn('ReportPage failed', e));
  }, [signaling, callId, view.page, view.pageCount]);

  const shownZoom = useRef(view.zoom);
  useEffect(() => {
    const target = canvas.current;
    const box = area.current;
    if (!pdf || !target || !box) return;
    let current = true;
    const { page, zoom } = view;
    pdf
      .render(page, target, { width: box.clientWidth, height: box.clientHeight }, zoom)
      .then(() => {
        if (!current) return;
        setRendered({ page, zoom });
        // A new zoom centres the page; a new page starts at its top.
        if (shownZoom.current !== view.zoom) {
          box.scrollLeft = (box.scrollWidth - box.clientWidth) / 2;
          box.scrollTop = (box.scrollHeight - box.clientHeight) / 2;
          shownZoom.current = view.zoom;
        } else {
          box.scrollTop = 0;
        }
      })
      .catch((e: unknown) => {
        if (current && (e as { name?: string } | null)?.name !== 'RenderingCancelledException') {
          console.warn('PDF page not drawn', e);
          setError('This page could not be shown.');
        }
      });
    return () => {
      current = false;
    };
  }, [pdf, view.page, view.zoom]);

  useViewerKeys(onClose, (event) => {
    const action = documentKey(event.key);
    if (action) {
      dispatch(action);
      return true;
    }
    if (event.key === 'ArrowUp' || event.key === 'ArrowDown') {
      const down = event.key === 'ArrowDown';
      // Zoomed in: Up / Down scroll the page. Otherwise they walk the buttons.
      if (view.zoom > 1 && area.current) area.current.scrollBy(0, (down ? 1 : -1) * 120);
      else moveFocusWithin(bar.current, down ? 1 : -1);
      return true;
    }
    return false;
  });

  const loaded = view.pageCount > 0;
  // Never leave the focus on the call bar behind (Enter there could hang up): Close at first,
  // Next once the document is open (Enter then reads on).
  useEffect(() => close.current?.focus(), []);
  useEffect(() => {
    if (loaded) (next.current?.disabled ? close.current : next.current)?.focus();
  }, [loaded]);

  return (
    <>
      <div class="document-area" ref={area}>
        <canvas
          ref={canvas}
          class="document-canvas"
          data-testid="document-canvas"
          data-page={rendered.page || undefined}
          data-zoom={rendered.page ? rendered.zoom : undefined}
          hidden={!pdf || rendered.page === 0}
          aria-label={loaded ? `${document.displayName}, ${pageText(view)}` : document.displayName}
        />
        {!pdf || rendered.page === 0 || error ? (
          <p class="hint shown-wait" role="status">
            {error ?? 'Opening document…'}
          </p>
        ) : null}
      </div>
      <div class="shown-bar document-bar" ref={bar} role="toolbar" aria-label="Document">
        <span class="shown-zoom" data-testid="document-page-glass" aria-live="polite">
          {pageText(view)}
          {view.zoom > 1 ? ` · ${Math.round(view.zoom * 100)}%` : ''}
        </span>
        <button
          type="button"
          disabled={!loaded || view.page <= 1}
          onClick={() => dispatch({ type: 'previous' })}
        >
          Previous
        </button>
        <button
          type="button"
          ref={next}
          disabled={!loaded || view.page >= view.pageCount}
          onClick={() => dispatch({ type: 'next' })}
        >
          Next
        </button>
        <button type="button" disabled={!loaded} onClick={() => dispatch({ type: 'zoomIn' })}>
          Zoom in
        </button>
        <button type="button" disabled={!loaded} onClick={() => dispatch({ type: 'zoomOut' })}>
          Zoom out
        </button>
        <button type="button" ref={close} onClick={onClose}>
          Close
        </button>
      </div>
    </>
  );
}

function VideoView({ document, onClose }: { document: DocumentShown; onClose: () => void }) {
  const video = useRef<HTMLVideoElement>(null);
  const bar = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  const [playing, setPlaying] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => toggle.current?.focus(), []);

  function playPause(): void {
    const element = video.current;
    if (!element) return;
    if (element.paused) {
      element.play().catch((e: unknown) => {
        console.warn('Video did not play', e);
        setError('The video could not be played.');
      });
    } else element.pause();
  }

  useViewerKeys(onClose, (event) => {
    if (event.key === ' ' || event.key === 'k') {
      playPause();
      return true;
    }
    if (event.key.startsWith('Arrow')) {
      moveFocusWithin(bar.current, event.key === 'ArrowUp' || event.key === 'ArrowLeft' ? -1 : 1);
      return true;
    }
    return false;
  });

  // Streamed with range requests straight from the server (Cache-Control: no-store).
  return (
    <>
      <video
        ref={video}
        class="document-video"
        data-testid="document-video"
        src={contentUrl(document.fileId)}
        preload="metadata"
        playsInline
        onPlay={() => setPlaying(true)}
        onPause={() => setPlaying(false)}
        onEnded={() => setPlaying(false)}
        onError={() => setError('The video could not be loaded.')}
      />
      {error ? (
        <p class="hint shown-wait" role="status">
          {error}
        </p>
      ) : null}
      <div class="shown-bar document-bar" ref={bar} role="toolbar" aria-label="Video">
        <button type="button" ref={toggle} onClick={playPause}>
          {playing ? 'Pause' : 'Play'}
        </button>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </>
  );
}
