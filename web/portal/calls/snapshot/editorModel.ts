// The snapshot editor's document, in the image's own pixels: annotations, the crop, and an
// undo/redo history. Pure: the canvas (Konva) only draws what this says.

export type Tool = 'crop' | 'pen' | 'arrow' | 'rect' | 'text';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Size {
  width: number;
  height: number;
}

export type Annotation =
  | { kind: 'pen'; color: string; width: number; points: number[] }
  | { kind: 'arrow'; color: string; width: number; points: [number, number, number, number] }
  | { kind: 'rect'; color: string; width: number; rect: Rect }
  | { kind: 'text'; color: string; size: number; x: number; y: number; text: string };

export interface EditorDoc {
  annotations: readonly Annotation[];
  /** The area to send, or null for the whole image. */
  crop: Rect | null;
}

export interface History {
  past: readonly EditorDoc[];
  present: EditorDoc;
  future: readonly EditorDoc[];
}

export type HistoryAction =
  | { type: 'add'; annotation: Annotation }
  | { type: 'crop'; crop: Rect | null }
  | { type: 'undo' }
  | { type: 'redo' };

export const emptyHistory: History = {
  past: [],
  present: { annotations: [], crop: null },
  future: [],
};

/** At most this many steps can be undone. */
export const historyLimit = 100;

function commit(h: History, present: EditorDoc): History {
  return { past: [...h.past, h.present].slice(-historyLimit), present, future: [] };
}

export function historyReducer(h: History, action: HistoryAction): History {
  switch (action.type) {
    case 'add':
      return commit(h, {
        ...h.present,
        annotations: [...h.present.annotations, action.annotation],
      });
    case 'crop':
      return commit(h, { ...h.present, crop: action.crop });
    case 'undo': {
      const previous = h.past.at(-1);
      return previous
        ? { past: h.past.slice(0, -1), present: previous, future: [h.present, ...h.future] }
        : h;
    }
    case 'redo': {
      const next = h.future[0];
      return next ? { past: [...h.past, h.present], present: next, future: h.future.slice(1) } : h;
    }
  }
}

/** The scale that fits the image into the box (never 0). */
export function fitScale(image: Size, box: Size): number {
  if (image.width <= 0 || image.height <= 0) return 1;
  const s = Math.min(box.width / image.width, box.height / image.height);
  return s > 0 && Number.isFinite(s) ? s : 1;
}

/** A point of the canvas (CSS px) in image pixels, kept inside the image. */
export function toImagePoint(
  canvasX: number,
  canvasY: number,
  scale: number,
  image: Size,
): { x: number; y: number } {
  return {
    x: clamp(canvasX / scale, 0, image.width),
    y: clamp(canvasY / scale, 0, image.height),
  };
}

/**
 * The rectangle between two corners in whole image pixels, inside the image; null when it
 * is too small to mean anything (a click rather than a drag).
 */
export function rectBetween(
  a: { x: number; y: number },
  b: { x: number; y: number },
  image: Size,
  minSize = 4,
): Rect | null {
  const left = Math.round(clamp(Math.min(a.x, b.x), 0, image.width));
  const top = Math.round(clamp(Math.min(a.y, b.y), 0, image.height));
  const right = Math.round(clamp(Math.max(a.x, b.x), 0, image.width));
  const bottom = Math.round(clamp(Math.max(a.y, b.y), 0, image.height));
  const width = right - left;
  const height = bottom - top;
  return width >= minSize && height >= minSize ? { x: left, y: top, width, height } : null;
}

/** The part of the image to export, in whole image pixels: the crop, or all of it. */
export function exportRegion(crop: Rect | null, image: Size): Rect {
  if (!crop) return { x: 0, y: 0, width: image.width, height: image.height };
  return (
    rectBetween(
      { x: crop.x, y: crop.y },
      { x: crop.x + crop.width, y: crop.y + crop.height },
      image,
      1,
    ) ?? { x: 0, y: 0, width: image.width, height: image.height }
  );
}

/** Line width and text size that read the same at any image size (about 0.4 % / 4 % of its diagonal). */
export function strokeFor(image: Size): { width: number; textSize: number } {
  const diagonal = Math.hypot(image.width, image.height);
  return {
    width: Math.max(2, Math.round(diagonal / 250)),
    textSize: Math.max(12, Math.round(diagonal / 28)),
  };
}

function clamp(n: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, n));
}
