// The editor's drawing surface on Konva. Loaded with import() so Konva stays out of the
// portal's main chunk. Everything is laid out in image pixels inside one group scaled to fit;
// the export sets that scale to 1 for a moment, so the picture leaves at its native size.
import Konva from 'konva';
import type { Annotation, EditorDoc, Rect, Size } from './editorModel';

export interface EditorCanvas {
  /** Draws the document, the shape being drawn and the crop being chosen. */
  render(doc: EditorDoc, draft: Annotation | null, cropDraft: Rect | null): void;
  /** Fits the image into width x height CSS pixels; returns the scale. */
  resize(width: number, height: number): number;
  /** The region (image pixels) with its annotations, as PNG at native resolution. */
  exportPng(region: Rect): Promise<Blob>;
  destroy(): void;
}

const dim = 'rgba(0, 0, 0, 0.55)';

export function createEditorCanvas(
  container: HTMLDivElement,
  image: HTMLImageElement,
): EditorCanvas {
  const size: Size = { width: image.naturalWidth, height: image.naturalHeight };
  const stage = new Konva.Stage({ container, width: 1, height: 1 });
  const layer = new Konva.Layer();
  const content = new Konva.Group();
  const annotations = new Konva.Group();
  const overlay = new Konva.Group({ listening: false });
  content.add(new Konva.Image({ image, x: 0, y: 0, width: size.width, height: size.height }));
  content.add(annotations);
  layer.add(content, overlay);
  stage.add(layer);

  function resize(width: number, height: number): number {
    const scale = Math.min(width / size.width, height / size.height) || 1;
    stage.size({ width: Math.round(size.width * scale), height: Math.round(size.height * scale) });
    content.scale({ x: scale, y: scale });
    overlay.scale({ x: scale, y: scale });
    return scale;
  }

  function render(doc: EditorDoc, draft: Annotation | null, cropDraft: Rect | null): void {
    annotations.destroyChildren();
    for (const a of draft ? [...doc.annotations, draft] : doc.annotations) {
      annotations.add(toNode(a));
    }
    overlay.destroyChildren();
    const crop = cropDraft ?? doc.crop;
    if (crop) drawCrop(overlay, crop, size, 1 / (content.scaleX() || 1));
    layer.batchDraw();
  }

  async function exportPng(region: Rect): Promise<Blob> {
    const scale = content.scale();
    content.scale({ x: 1, y: 1 });
    let canvas: HTMLCanvasElement;
    try {
      // Group at (0, 0) with scale 1: canvas coordinates are image pixels.
      canvas = content.toCanvas({ ...region, pixelRatio: 1 });
    } finally {
      content.scale(scale);
    }
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!blob) throw new Error('The image could not be encoded.');
    return blob;
  }

  return {
    render,
    resize,
    exportPng,
    destroy: () => stage.destroy(),
  };
}

function toNode(a: Annotation): Konva.Shape {
  const line = { stroke: a.color, lineCap: 'round' as const, lineJoin: 'round' as const };
  switch (a.kind) {
    case 'pen':
      return new Konva.Line({ ...line, points: a.points, strokeWidth: a.width, tension: 0.4 });
    case 'arrow':
      return new Konva.Arrow({
        ...line,
        points: a.points,
        strokeWidth: a.width,
        fill: a.color,
        pointerLength: a.width * 4,
        pointerWidth: a.width * 4,
      });
    case 'rect':
      return new Konva.Rect({ ...a.rect, stroke: a.color, strokeWidth: a.width });
    case 'text':
      return new Konva.Text({
        x: a.x,
        y: a.y,
        text: a.text,
        fill: a.color,
        fontSize: a.size,
        fontStyle: 'bold',
        fontFamily: 'system-ui, sans-serif',
        // A dark outline keeps the text readable on any picture.
        stroke: 'rgba(0,0,0,0.7)',
        strokeWidth: Math.max(1, a.size / 16),
        fillAfterStrokeEnabled: true,
      });
  }
}

/** Dims what lies outside the crop and outlines it (not part of the export). */
function drawCrop(group: Konva.Group, crop: Rect, size: Size, px: number): void {
  const right = crop.x + crop.width;
  const bottom = crop.y + crop.height;
  for (const r of [
    { x: 0, y: 0, width: size.width, height: crop.y },
    { x: 0, y: bottom, width: size.width, height: size.height - bottom },
    { x: 0, y: crop.y, width: crop.x, height: crop.height },
    { x: right, y: crop.y, width: size.width - right, height: crop.height },
  ]) {
    if (r.width > 0 && r.height > 0) group.add(new Konva.Rect({ ...r, fill: dim }));
  }
  group.add(
    new Konva.Rect({
      ...crop,
      stroke: '#ffffff',
      strokeWidth: 2 * px,
      dash: [8 * px, 6 * px],
    }),
  );
}
