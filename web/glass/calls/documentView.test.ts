import { describe, expect, it } from 'vitest';
import {
  documentKey,
  documentViewReducer as reduce,
  initialDocumentView,
  pageText,
  type DocumentAction,
  type DocumentView,
} from './documentView';

function run(...actions: DocumentAction[]): DocumentView {
  return actions.reduce(reduce, initialDocumentView);
}

describe('documentViewReducer', () => {
  it('starts on page 1 and learns the page count when the document has loaded', () => {
    expect(initialDocumentView).toEqual({ page: 1, pageCount: 0, zoom: 1 });
    expect(run({ type: 'loaded', pageCount: 3 })).toEqual({ page: 1, pageCount: 3, zoom: 1 });
  });

  it('turns pages forward and back within the document', () => {
    const loaded = { type: 'loaded', pageCount: 3 } as const;
    expect(run(loaded, { type: 'next' }).page).toBe(2);
    expect(run(loaded, { type: 'next' }, { type: 'next' }, { type: 'next' }).page).toBe(3);
    expect(run(loaded, { type: 'previous' }).page).toBe(1);
    expect(run(loaded, { type: 'next' }, { type: 'previous' }).page).toBe(1);
  });

  it('does not turn forward before the page count is known', () => {
    expect(run({ type: 'next' }).page).toBe(1);
  });

  it('goes to a page the expert asks for, clamped to the document', () => {
    const loaded = { type: 'loaded', pageCount: 5 } as const;
    expect(run(loaded, { type: 'goTo', page: 4 }).page).toBe(4);
    expect(run(loaded, { type: 'goTo', page: 9 }).page).toBe(5);
    expect(run(loaded, { type: 'goTo', page: 0 }).page).toBe(1);
    expect(run(loaded, { type: 'goTo', page: Number.NaN }).page).toBe(1);
    expect(run(loaded, { type: 'goTo', page: 2.7 }).page).toBe(2);
  });

  it('keeps a page asked for before loading and clamps it on load', () => {
    expect(run({ type: 'goTo', page: 4 }, { type: 'loaded', pageCount: 5 }).page).toBe(4);
    expect(run({ type: 'goTo', page: 8 }, { type: 'loaded', pageCount: 5 }).page).toBe(5);
  });

  it('returns the same state when nothing changes (no needless re-render or report)', () => {
    const state = run({ type: 'loaded', pageCount: 2 }, { type: 'next' });
    expect(reduce(state, { type: 'next' })).toBe(state);
    expect(reduce(state, { type: 'goTo', page: 2 })).toBe(state);
    expect(reduce(initialDocumentView, { type: 'zoomOut' })).toBe(initialDocumentView);
  });

  it('zooms in steps between 1 and 4 and keeps the zoom across pages', () => {
    const zoomIn = { type: 'zoomIn' } as const;
    expect(run(zoomIn).zoom).toBe(1.5);
    expect(run(zoomIn, zoomIn, zoomIn, zoomIn, zoomIn, zoomIn).zoom).toBe(4);
    expect(run(zoomIn, zoomIn, { type: 'zoomOut' }).zoom).toBe(1.5);
    const turned = run({ type: 'loaded', pageCount: 3 }, zoomIn, { type: 'next' });
    expect(turned).toEqual({ page: 2, pageCount: 3, zoom: 1.5 });
    expect(reduce(turned, { type: 'reset' })).toEqual(initialDocumentView);
  });
});

describe('documentKey', () => {
  it.each([
    ['ArrowRight', 'next'],
    ['PageDown', 'next'],
    ['ArrowLeft', 'previous'],
    ['PageUp', 'previous'],
    ['+', 'zoomIn'],
    ['=', 'zoomIn'],
    ['-', 'zoomOut'],
  ])('maps %s to %s', (key, type) => {
    expect(documentKey(key)?.type).toBe(type);
  });

  it('leaves other keys alone (Enter activates the focused button, Escape closes)', () => {
    expect(documentKey('Enter')).toBeNull();
    expect(documentKey('Escape')).toBeNull();
    expect(documentKey('ArrowUp')).toBeNull();
  });
});

describe('pageText', () => {
  it('says where the reader is', () => {
    expect(pageText({ page: 2, pageCount: 5, zoom: 1 })).toBe('Page 2 of 5');
    expect(pageText(initialDocumentView)).toBe('Opening…');
  });
});
