// Where the technician is in a shown PDF: the page (from 1), how many there are (0 until it
// has loaded) and the zoom. Keys, voice words (the button labels) and the expert's page
// turns all go through this reducer.

export interface DocumentView {
  page: number;
  pageCount: number;
  zoom: number;
}

export const zoomSteps = [1, 1.5, 2, 3, 4] as const;

export const initialDocumentView: DocumentView = { page: 1, pageCount: 0, zoom: 1 };

export type DocumentAction =
  | { type: 'loaded'; pageCount: number }
  | { type: 'next' }
  | { type: 'previous' }
  | { type: 'goTo'; page: number }
  | { type: 'zoomIn' }
  | { type: 'zoomOut' }
  | { type: 'reset' };

function clampPage(page: number, pageCount: number): number {
  if (!Number.isFinite(page)) return 1;
  const whole = Math.trunc(page);
  // Before the document has loaded its length is unknown: keep the wish, clamp on load.
  return Math.max(1, pageCount > 0 ? Math.min(whole, pageCount) : whole);
}

function stepZoom(zoom: number, direction: 1 | -1): number {
  const index = zoomSteps.findIndex((z) => z >= zoom);
  const current = index === -1 ? zoomSteps.length - 1 : index;
  const next = Math.max(0, Math.min(zoomSteps.length - 1, current + direction));
  return zoomSteps[next]!;
}

export function documentViewReducer(state: DocumentView, action: DocumentAction): DocumentView {
  switch (action.type) {
    case 'loaded': {
      const pageCount = Math.max(0, Math.trunc(action.pageCount));
      return { ...state, pageCount, page: clampPage(state.page, pageCount) };
    }
    case 'next':
      return state.pageCount > 0 && state.page < state.pageCount
        ? { ...state, page: state.page + 1 }
        : state;
    case 'previous':
      return state.page > 1 ? { ...state, page: state.page - 1 } : state;
    case 'goTo': {
      const page = clampPage(action.page, state.pageCount);
      return page === state.page ? state : { ...state, page };
    }
    case 'zoomIn':
    case 'zoomOut': {
      const zoom = stepZoom(state.zoom, action.type === 'zoomIn' ? 1 : -1);
      return zoom === state.zoom ? state : { ...state, zoom };
    }
    case 'reset':
      return initialDocumentView;
  }
}

/** The action of a key of the glasses' D-pad or keyboard, if it is one the viewer uses. */
export function documentKey(key: string): DocumentAction | null {
  switch (key) {
    case 'ArrowRight':
    case 'PageDown':
      return { type: 'next' };
    case 'ArrowLeft':
    case 'PageUp':
      return { type: 'previous' };
    case '+':
    case '=':
      return { type: 'zoomIn' };
    case '-':
    case '_':
      return { type: 'zoomOut' };
    default:
      return null;
  }
}

/** "Page 2 of 5", or a loading hint before the page count is known. */
export function pageText(view: DocumentView): string {
  return view.pageCount > 0 ? `Page ${view.page} of ${view.pageCount}` : 'Opening…';
}
