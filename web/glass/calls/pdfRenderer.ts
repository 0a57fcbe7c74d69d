// pdf.js, loaded lazily by DocumentViewer (import('./pdfRenderer')), so neither it nor its
// worker is part of the glass app's main chunk. The legacy build runs on the older WebViews
// of smart glasses. The worker comes from our own origin (CSP: worker-src 'self').
import {
  getDocument,
  GlobalWorkerOptions,
  type PDFDocumentProxy,
  type RenderTask,
} from 'pdfjs-dist/legacy/build/pdf.mjs';
import workerUrl from 'pdfjs-dist/legacy/build/pdf.worker.min.mjs?url';

GlobalWorkerOptions.workerSrc = workerUrl;

export interface Box {
  width: number;
  height: number;
}

export interface PdfFile {
  pageCount: number;
  /**
   * Draws a page into the canvas, fitted to the box and then zoomed. A render still running
   * is cancelled first (one canvas, one render at a time).
   */
  render(page: number, canvas: HTMLCanvasElement, box: Box, zoom: number): Promise<void>;
  destroy(): void;
}

/** Opens a PDF held in memory (never written to browser storage). */
export async function openPdf(data: ArrayBuffer): Promise<PdfFile> {
  const task = getDocument({
    data: new Uint8Array(data),
    // Nothing fetched from elsewhere: no CMaps, standard fonts or wasm from a CDN.
    useWorkerFetch: false,
    enableXfa: false,
  });
  const doc: PDFDocumentProxy = await task.promise;
  let current: RenderTask | null = null;
  let running: Promise<unknown> = Promise.resolve();

  return {
    pageCount: doc.numPages,
    async render(number, canvas, box, zoom) {
      current?.cancel();
      await running.catch(() => undefined);
      const page = await doc.getPage(number);
      const natural = page.getViewport({ scale: 1 });
      const fit = Math.min(box.width / natural.width, box.height / natural.height);
      const cssScale = fit * zoom;
      // Sharp on high-density screens, but never a canvas larger than browsers allow.
      const ratio = Math.min(window.devicePixelRatio || 1, 4096 / (natural.width * cssScale));
      const viewport = page.getViewport({ scale: cssScale * Math.max(ratio, 0.25) });
      canvas.width = Math.floor(viewport.width);
      canvas.height = Math.floor(viewport.height);
      canvas.style.width = `${Math.floor(natural.width * cssScale)}px`;
      canvas.style.height = `${Math.floor(natural.height * cssScale)}px`;
      const render = page.render({ canvas, viewport, background: '#ffffff' });
      current = render;
      running = render.promise;
      try {
        await render.promise;
      } finally {
        if (current === render) current = null;
      }
    },
    destroy() {
      current?.cancel();
      void task.destroy();
    },
  };
}
