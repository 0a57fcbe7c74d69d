import { useEffect, useReducer, useRef, useState } from 'preact/hooks';
import { loadFileImage } from '../../shared/collaboration/files';
import { initialZoomPan, zoomPanKey, zoomPanReducer, zoomPanTransform } from './zoomPan';

/**
 * An image the expert sent, full screen over the camera until dismissed ("Close", Escape or
 * Enter). + / - or PageUp / PageDown zoom, arrows pan. The image lives only as a blob: URL,
 * revoked when the view closes.
 */
export function ShownImage({ fileId, onClose }: { fileId: string; onClose: () => void }) {
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [view, dispatch] = useReducer(zoomPanReducer, initialZoomPan);
  const close = useRef<HTMLButtonElement>(null);
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;

  useEffect(() => {
    const abort = new AbortController();
    let revoke: (() => void) | undefined;
    setUrl(null);
    setError(null);
    dispatch({ type: 'reset' });
    loadFileImage(fileId, abort.signal)
      .then((image) => {
        revoke = image.revoke;
        if (abort.signal.aborted) image.revoke();
        else setUrl(image.url);
      })
      .catch((e: unknown) => {
        if (!abort.signal.aborted) setError(e instanceof Error ? e.message : 'Not loaded.');
      });
    return () => {
      abort.abort();
      revoke?.();
    };
  }, [fileId]);

  useEffect(() => close.current?.focus(), []);

  // Capture phase: ahead of the page's arrow-key focus movement.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      if (event.key === 'Escape' || event.key === 'Enter') {
        event.preventDefault();
        event.stopPropagation();
        onCloseRef.current();
        return;
      }
      const action = zoomPanKey(event.key);
      if (!action) return;
      event.preventDefault();
      event.stopPropagation();
      dispatch(action);
    };
    document.addEventListener('keydown', onKey, true);
    return () => document.removeEventListener('keydown', onKey, true);
  }, []);

  return (
    <div class="shown-view" role="dialog" aria-label="Image from the expert">
      {url ? (
        <img
          class="shown-img"
          data-testid="shown-image"
          src={url}
          alt="Image from the expert"
          style={{ transform: zoomPanTransform(view) }}
        />
      ) : (
        <p class="hint shown-wait">{error ?? 'Loading image…'}</p>
      )}
      <div class="shown-bar">
        <span class="shown-zoom" aria-live="polite">
          {view.zoom > 1 ? `${Math.round(view.zoom * 100)}%` : '+ / − zoom'}
        </span>
        <button type="button" ref={close} onClick={() => onCloseRef.current()}>
          Close
        </button>
      </div>
    </div>
  );
}
