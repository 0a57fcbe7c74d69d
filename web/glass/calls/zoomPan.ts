// Zoom and pan of an image shown full screen, driven by keys. The view's centre (x, y) is in
// fractions of the image box; it stays where the view still lies inside the image.

export interface ZoomPan {
  zoom: number;
  x: number;
  y: number;
}

export type ZoomPanAction =
  | { type: 'zoomIn' }
  | { type: 'zoomOut' }
  | { type: 'pan'; dx: -1 | 0 | 1; dy: -1 | 0 | 1 }
  | { type: 'reset' };

export const initialZoomPan: ZoomPan = { zoom: 1, x: 0.5, y: 0.5 };
export const maxZoom = 8;
const zoomStep = 1.5;
/** One key press pans a fifth of what is visible. */
const panStep = 0.2;

function clampCentre(value: number, zoom: number): number {
  const half = 0.5 / zoom;
  return Math.min(1 - half, Math.max(half, value));
}

function withZoom(state: ZoomPan, zoom: number): ZoomPan {
  const z = Math.min(maxZoom, Math.max(1, zoom));
  return { zoom: z, x: clampCentre(state.x, z), y: clampCentre(state.y, z) };
}

export function zoomPanReducer(state: ZoomPan, action: ZoomPanAction): ZoomPan {
  switch (action.type) {
    case 'zoomIn':
      return withZoom(state, state.zoom * zoomStep);
    case 'zoomOut':
      return withZoom(state, state.zoom / zoomStep);
    case 'pan': {
      const step = panStep / state.zoom;
      return {
        zoom: state.zoom,
        x: clampCentre(state.x + action.dx * step, state.zoom),
        y: clampCentre(state.y + action.dy * step, state.zoom),
      };
    }
    case 'reset':
      return initialZoomPan;
  }
}

/** The key's action, or null when the key is not a zoom/pan key. */
export function zoomPanKey(key: string): ZoomPanAction | null {
  switch (key) {
    case '+':
    case '=':
    case 'PageUp':
      return { type: 'zoomIn' };
    case '-':
    case 'PageDown':
      return { type: 'zoomOut' };
    case 'ArrowLeft':
      return { type: 'pan', dx: -1, dy: 0 };
    case 'ArrowRight':
      return { type: 'pan', dx: 1, dy: 0 };
    case 'ArrowUp':
      return { type: 'pan', dx: 0, dy: -1 };
    case 'ArrowDown':
      return { type: 'pan', dx: 0, dy: 1 };
    case '0':
      return { type: 'reset' };
    default:
      return null;
  }
}

/** CSS transform (origin at the centre) that shows the view of `state`. */
export function zoomPanTransform(state: ZoomPan): string {
  const tx = (0.5 - state.x) * 100;
  const ty = (0.5 - state.y) * 100;
  return `scale(${state.zoom}) translate(${round(tx)}%, ${round(ty)}%)`;
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000 || 0;
}
