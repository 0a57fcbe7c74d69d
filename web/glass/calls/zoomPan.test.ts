import { describe, expect, it } from 'vitest';
import {
  initialZoomPan,
  maxZoom,
  zoomPanKey,
  zoomPanReducer,
  zoomPanTransform,
  type ZoomPan,
  type ZoomPanAction,
} from './zoomPan';

function run(...actions: ZoomPanAction[]): ZoomPan {
  return actions.reduce(zoomPanReducer, initialZoomPan);
}

describe('zoom and pan', () => {
  it('does not pan an unzoomed image', () => {
    expect(run({ type: 'pan', dx: 1, dy: -1 })).toEqual(initialZoomPan);
  });

  it('zooms in by steps up to the maximum and back out to 1', () => {
    expect(run({ type: 'zoomIn' }).zoom).toBe(1.5);
    const many = run(...Array<ZoomPanAction>(20).fill({ type: 'zoomIn' }));
    expect(many.zoom).toBe(maxZoom);
    expect(zoomPanReducer(many, { type: 'zoomOut' }).zoom).toBeCloseTo(maxZoom / 1.5);
    expect(run({ type: 'zoomOut' })).toEqual(initialZoomPan);
  });

  it('pans a fifth of the visible part per key and stops at the edge', () => {
    const zoomed = run({ type: 'zoomIn' }, { type: 'zoomIn' }); // 2.25: a view of 0.444
    const right = zoomPanReducer(zoomed, { type: 'pan', dx: 1, dy: 0 });
    expect(right.x).toBeCloseTo(0.5 + 0.2 / 2.25);
    expect(right.y).toBe(0.5);
    let far = zoomed;
    for (let i = 0; i < 20; i++) far = zoomPanReducer(far, { type: 'pan', dx: 1, dy: 1 });
    expect(far.x).toBeCloseTo(1 - 0.5 / 2.25);
    expect(far.y).toBeCloseTo(1 - 0.5 / 2.25);
  });

  it('keeps the view inside the image when zooming out from an edge', () => {
    let s = run({ type: 'zoomIn' }, { type: 'zoomIn' }, { type: 'zoomIn' });
    for (let i = 0; i < 20; i++) s = zoomPanReducer(s, { type: 'pan', dx: -1, dy: -1 });
    s = zoomPanReducer(s, { type: 'zoomOut' });
    expect(s.x).toBeCloseTo(0.5 / s.zoom);
    expect(zoomPanReducer(s, { type: 'zoomOut' })).toEqual({
      zoom: 1.5,
      x: 0.5 / 1.5,
      y: 0.5 / 1.5,
    });
  });

  it('maps keys: + - PageUp PageDown zoom, arrows pan, others are not ours', () => {
    expect(zoomPanKey('+')).toEqual({ type: 'zoomIn' });
    expect(zoomPanKey('PageUp')).toEqual({ type: 'zoomIn' });
    expect(zoomPanKey('-')).toEqual({ type: 'zoomOut' });
    expect(zoomPanKey('PageDown')).toEqual({ type: 'zoomOut' });
    expect(zoomPanKey('ArrowUp')).toEqual({ type: 'pan', dx: 0, dy: -1 });
    expect(zoomPanKey('Enter')).toBeNull();
    expect(zoomPanKey('Escape')).toBeNull();
  });

  it('turns the state into a centred CSS transform', () => {
    expect(zoomPanTransform(initialZoomPan)).toBe('scale(1) translate(0%, 0%)');
    expect(zoomPanTransform({ zoom: 2, x: 0.75, y: 0.25 })).toBe('scale(2) translate(-25%, 25%)');
  });
});
