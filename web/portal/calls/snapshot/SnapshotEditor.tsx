import { useEffect, useReducer, useRef, useState } from 'preact/hooks';
import { describeError } from '../../../shared/api';
import type { CallController } from '../../../shared/calls/controller';
import { SignalingEvent } from '../../../shared/calls/signalingEvents';
import { loadFileImage, uploadCallFile } from '../../../shared/collaboration/files';
import {
  emptyHistory,
  exportRegion,
  historyReducer,
  rectBetween,
  strokeFor,
  toImagePoint,
  type Annotation,
  type Rect,
  type Size,
  type Tool,
} from './editorModel';
import type { EditorCanvas } from './konvaCanvas';

export const swatches = ['#ff1a1a', '#ffd21a', '#1aff8c', '#1a8cff', '#ffffff', '#000000'];

const tools: { tool: Tool; label: string }[] = [
  { tool: 'crop', label: 'Crop' },
  { tool: 'pen', label: 'Pen' },
  { tool: 'arrow', label: 'Arrow' },
  { tool: 'rect', label: 'Rectangle' },
  { tool: 'text', label: 'Text' },
];

type Drag = { start: { x: number; y: number }; points: number[] };

/** Crop, draw and write on a picture from the technician, then show it on their glasses. */
export function SnapshotEditor({
  controller,
  callId,
  fileId,
  onClose,
  onShown,
}: {
  controller: CallController;
  callId: string;
  fileId: string;
  onClose: () => void;
  /** The image now fills the glasses (in place of any document shown there). */
  onShown?: () => void;
}) {
  const [image, setImage] = useState<HTMLImageElement | null>(null);
  const [size, setSize] = useState<Size | null>(null);
  const [canvas, setCanvas] = useState<EditorCanvas | null>(null);
  const [scale, setScale] = useState(1);
  const [history, dispatch] = useReducer(historyReducer, emptyHistory);
  const [tool, setTool] = useState<Tool>('pen');
  const [color, setColor] = useState(swatches[0]!);
  const [draft, setDraft] = useState<Annotation | null>(null);
  const [cropDraft, setCropDraft] = useState<Rect | null>(null);
  const [note, setNote] = useState<{ x: number; y: number; text: string } | null>(null);
  const [status, setStatus] = useState<string | null>('Loading picture…');
  const [sending, setSending] = useState(false);
  const surface = useRef<HTMLDivElement>(null);
  const area = useRef<HTMLDivElement>(null);
  const drag = useRef<Drag | null>(null);

  // The picture, as a blob: URL only while the editor is open.
  useEffect(() => {
    const abort = new AbortController();
    let revoke: (() => void) | undefined;
    loadFileImage(fileId, abort.signal)
      .then(async (loaded) => {
        revoke = loaded.revoke;
        const img = new Image();
        img.src = loaded.url;
        await img.decode();
        if (abort.signal.aborted) return;
        setImage(img);
        setSize({ width: img.naturalWidth, height: img.naturalHeight });
        setStatus(null);
      })
      .catch((e: unknown) => {
        if (!abort.signal.aborted) setStatus(describeError(e));
      });
    return () => {
      abort.abort();
      revoke?.();
    };
  }, [fileId]);

  // Konva arrives with the first picture (a chunk of its own).
  useEffect(() => {
    if (!image || !surface.current) return;
    let made: EditorCanvas | null = null;
    let live = true;
    import('./konvaCanvas')
      .then(({ createEditorCanvas }) => {
        if (!live || !surface.current) return;
        made = createEditorCanvas(surface.current, image);
        setCanvas(made);
      })
      .catch((e: unknown) => setStatus(describeError(e)));
    return () => {
      live = false;
      made?.destroy();
      setCanvas(null);
    };
  }, [image]);

  useEffect(() => {
    if (!canvas || !area.current) return;
    const fit = () => {
      const box = area.current;
      if (box) setScale(canvas.resize(box.clientWidth, box.clientHeight));
    };
    fit();
    const observer = new ResizeObserver(fit);
    observer.observe(area.current);
    return () => observer.disconnect();
  }, [canvas]);

  useEffect(() => {
    canvas?.render(history.present, draft, cropDraft);
  }, [canvas, history.present, draft, cropDraft, scale]);

  useEffect(
    () =>
      controller.signaling.on(SignalingEvent.ShownDismissed, (id) => {
        if (id === callId) setStatus('Closed on the glasses');
      }),
    [controller, callId],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || isTyping(event.target)) return;
      const key = event.key.toLowerCase();
      if (key === 'z' && !event.shiftKey) dispatch({ type: 'undo' });
      else if (key === 'y' || (key === 'z' && event.shiftKey)) dispatch({ type: 'redo' });
      else return;
      event.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  function pointAt(event: PointerEvent) {
    const box = surface.current!.getBoundingClientRect();
    return toImagePoint(event.clientX - box.left, event.clientY - box.top, scale, size!);
  }

  function onPointerDown(event: PointerEvent) {
    if (!size || !canvas || event.button !== 0) return;
    const p = pointAt(event);
    if (tool === 'text') {
      commitNote();
      setNote({ x: p.x, y: p.y, text: '' });
      event.preventDefault();
      return;
    }
    (event.currentTarget as HTMLElement).setPointerCapture(event.pointerId);
    drag.current = { start: p, points: [p.x, p.y] };
    onPointerMove(event);
  }

  function onPointerMove(event: PointerEvent) {
    const d = drag.current;
    if (!d || !size) return;
    const p = pointAt(event);
    const { width } = strokeFor(size);
    switch (tool) {
      case 'pen':
        d.points.push(p.x, p.y);
        setDraft({ kind: 'pen', color, width, points: [...d.points] });
        break;
      case 'arrow':
        setDraft({ kind: 'arrow', color, width, points: [d.start.x, d.start.y, p.x, p.y] });
        break;
      case 'rect': {
        const rect = rectBetween(d.start, p, size, 1);
        setDraft(rect ? { kind: 'rect', color, width, rect } : null);
        break;
      }
      case 'crop':
        setCropDraft(rectBetween(d.start, p, size, 1));
        break;
    }
  }

  function onPointerUp(event: PointerEvent) {
    const d = drag.current;
    if (!d || !size) return;
    drag.current = null;
    const end = pointAt(event);
    if (tool === 'crop') {
      const crop = rectBetween(d.start, end, size, 4 / scale);
      setCropDraft(null);
      if (crop) dispatch({ type: 'crop', crop });
      return;
    }
    const moved = Math.hypot(end.x - d.start.x, end.y - d.start.y) * scale >= 3;
    if (draft && (moved || tool === 'pen')) dispatch({ type: 'add', annotation: draft });
    setDraft(null);
  }

  function commitNote() {
    if (note && note.text.trim() && size) {
      dispatch({
        type: 'add',
        annotation: {
          kind: 'text',
          color,
          size: strokeFor(size).textSize,
          x: note.x,
          y: note.y,
          text: note.text.trim(),
        },
      });
    }
    setNote(null);
  }

  async function send() {
    if (!canvas || !size) return;
    commitNote();
    setSending(true);
    setStatus('Sending…');
    try {
      const png = await canvas.exportPng(exportRegion(history.present.crop, size));
      const file = await uploadCallFile(callId, 'AnnotatedImage', png, fileId);
      await controller.signaling.showOnGlasses({ callId, fileId: file.id });
      onShown?.();
      setStatus('Shown on the glasses');
    } catch (e) {
      setStatus(describeError(e));
    } finally {
      setSending(false);
    }
  }

  const crop = history.present.crop;
  return (
    <div class="modal-backdrop editor-backdrop">
      <section
        class="snapshot-editor"
        role="dialog"
        aria-modal="true"
        aria-label="Snapshot editor"
        data-testid="snapshot-editor"
      >
        <div class="editor-tools" role="toolbar" aria-label="Drawing tools">
          {tools.map((t) => (
            <button
              key={t.tool}
              type="button"
              class={tool === t.tool ? 'tool active' : 'tool'}
              aria-pressed={tool === t.tool}
              onClick={() => {
                commitNote();
                setTool(t.tool);
              }}
            >
              {t.label}
            </button>
          ))}
          <span class="swatches" role="group" aria-label="Colour">
            {swatches.map((c) => (
              <button
                key={c}
                type="button"
                class="swatch"
                style={{ backgroundColor: c }}
                aria-label={`Colour ${c}`}
                aria-pressed={color === c}
                onClick={() => setColor(c)}
              />
            ))}
            <input
              type="color"
              aria-label="Custom colour"
              value={color}
              onInput={(e) => setColor(e.currentTarget.value)}
            />
          </span>
          <button
            type="button"
            class="secondary"
            disabled={history.past.length === 0}
            onClick={() => dispatch({ type: 'undo' })}
          >
            Undo
          </button>
          <button
            type="button"
            class="secondary"
            disabled={history.future.length === 0}
            onClick={() => dispatch({ type: 'redo' })}
          >
            Redo
          </button>
          <span class="editor-spacer" />
          <button
            type="button"
            class="ok"
            disabled={!canvas || sending}
            onClick={() => void send()}
          >
            Send to glasses
          </button>
          <button type="button" class="secondary" onClick={onClose}>
            Close
          </button>
        </div>
        <div class="editor-info">
          <span data-testid="snapshot-size">{size ? `${size.width} × ${size.height}` : ''}</span>
          {crop ? (
            <span data-testid="crop-size">
              Crop {crop.width} × {crop.height}
            </span>
          ) : null}
          {status ? (
            <span role="status" data-testid="editor-status">
              {status}
            </span>
          ) : null}
        </div>
        <div class="editor-area" ref={area}>
          <div
            class={`editor-canvas tool-${tool}`}
            data-testid="editor-canvas"
            onPointerDown={onPointerDown}
            onPointerMove={onPointerMove}
            onPointerUp={onPointerUp}
            onPointerCancel={() => {
              drag.current = null;
              setDraft(null);
              setCropDraft(null);
            }}
          >
            <div ref={surface} />
            {note ? (
              <input
                class="editor-note"
                aria-label="Note text"
                autoFocus
                style={{ left: `${note.x * scale}px`, top: `${note.y * scale}px`, color }}
                value={note.text}
                onPointerDown={(e) => e.stopPropagation()}
                onInput={(e) => setNote({ ...note, text: e.currentTarget.value })}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') commitNote();
                  else if (e.key === 'Escape') setNote(null);
                }}
                onBlur={commitNote}
              />
            ) : null}
          </div>
        </div>
      </section>
    </div>
  );
}

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement;
}
