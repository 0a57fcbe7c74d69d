import { describe, expect, it } from 'vitest';
import {
  emptyHistory,
  exportRegion,
  fitScale,
  historyLimit,
  historyReducer,
  rectBetween,
  strokeFor,
  toImagePoint,
  type Annotation,
  type History,
  type HistoryAction,
} from './editorModel';

const hd = { width: 1280, height: 720 };
const pen = (n: number): Annotation => ({
  kind: 'pen',
  color: 'red',
  width: 4,
  points: [n, n, n + 1, n + 1],
});

function run(...actions: HistoryAction[]): History {
  return actions.reduce(historyReducer, emptyHistory);
}

describe('editor history', () => {
  it('undoes and redoes annotations and crops in order', () => {
    const crop = { x: 1, y: 2, width: 30, height: 40 };
    const h = run(
      { type: 'add', annotation: pen(1) },
      { type: 'crop', crop },
      { type: 'add', annotation: pen(2) },
    );
    expect(h.present.annotations).toHaveLength(2);
    expect(h.present.crop).toEqual(crop);

    const back = run(
      ...([
        { type: 'add', annotation: pen(1) },
        { type: 'crop', crop },
        { type: 'add', annotation: pen(2) },
        { type: 'undo' },
        { type: 'undo' },
      ] as HistoryAction[]),
    );
    expect(back.present).toEqual({ annotations: [pen(1)], crop: null });
    const again = historyReducer(back, { type: 'redo' });
    expect(again.present.crop).toEqual(crop);
    expect(again.present.annotations).toEqual([pen(1)]);
  });

  it('forgets the redo steps after a new change', () => {
    const h = run(
      { type: 'add', annotation: pen(1) },
      { type: 'undo' },
      { type: 'add', annotation: pen(2) },
    );
    expect(h.future).toHaveLength(0);
    expect(historyReducer(h, { type: 'redo' })).toBe(h);
    expect(h.present.annotations).toEqual([pen(2)]);
  });

  it('ignores undo and redo with nothing to undo or redo', () => {
    expect(run({ type: 'undo' })).toBe(emptyHistory);
    expect(run({ type: 'redo' })).toBe(emptyHistory);
  });

  it('keeps a bounded number of undo steps', () => {
    const many = run(
      ...Array.from(
        { length: historyLimit + 20 },
        (_, i) => ({ type: 'add', annotation: pen(i) }) as HistoryAction,
      ),
    );
    expect(many.past).toHaveLength(historyLimit);
  });
});

describe('editor geometry', () => {
  it('fits the image into the box', () => {
    expect(fitScale(hd, { width: 640, height: 640 })).toBe(0.5);
    expect(fitScale(hd, { width: 2560, height: 720 })).toBe(1);
    expect(fitScale({ width: 0, height: 0 }, { width: 10, height: 10 })).toBe(1);
  });

  it('maps canvas points to image pixels and keeps them inside the image', () => {
    expect(toImagePoint(100, 50, 0.5, hd)).toEqual({ x: 200, y: 100 });
    expect(toImagePoint(-5, 1000, 0.5, hd)).toEqual({ x: 0, y: 720 });
  });

  it('makes a crop from corners dragged in any direction, clamped and in whole pixels', () => {
    expect(rectBetween({ x: 300.4, y: 200.6 }, { x: 100.2, y: 50 }, hd)).toEqual({
      x: 100,
      y: 50,
      width: 200,
      height: 151,
    });
    expect(rectBetween({ x: -50, y: -50 }, { x: 2000, y: 2000 }, hd)).toEqual({
      x: 0,
      y: 0,
      ...hd,
    });
    expect(rectBetween({ x: 10, y: 10 }, { x: 12, y: 40 }, hd)).toBeNull();
  });

  it('exports the crop at the native resolution, or the whole image without one', () => {
    expect(exportRegion(null, hd)).toEqual({ x: 0, y: 0, width: 1280, height: 720 });
    expect(exportRegion({ x: 320, y: 180, width: 640, height: 360 }, hd)).toEqual({
      x: 320,
      y: 180,
      width: 640,
      height: 360,
    });
    // A crop that reaches past the edge is cut at the edge.
    expect(exportRegion({ x: 1200, y: 700, width: 200, height: 200 }, hd)).toEqual({
      x: 1200,
      y: 700,
      width: 80,
      height: 20,
    });
  });

  it('scales line width and text size with the image', () => {
    expect(strokeFor(hd).width).toBe(6);
    expect(strokeFor({ width: 4000, height: 3000 }).width).toBe(20);
    expect(strokeFor({ width: 100, height: 100 }).width).toBe(2);
  });
});
