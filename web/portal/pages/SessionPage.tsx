import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, api } from '../../shared/api';
import type { CallHistoryEntry } from '../../shared/calls/types';
import type {
  ChatMessageInfo,
  SessionFileInfo,
  SessionFileKind,
} from '../../shared/collaboration/types';
import { FormAlert, alertText } from '../forms';
import { formatBytes, formatDateTime } from '../format';
import { Link } from '../router';
import { useLoad } from '../useLoad';
import { formatDuration, outcome } from './Calls';
import { SessionRecordings } from './SessionRecordings';
import './session.css';

// The record of one call: its images, documents and chat, as the organisation's experts and
// admins see it afterwards. The server decides who may see a call; anything else is "not found".

type Loaded =
  | { kind: 'notFound' }
  | {
      kind: 'found';
      call: CallHistoryEntry;
      files: SessionFileInfo[];
      /** Null when this user may not read the chat (it is for experts and admins). */
      chat: ChatMessageInfo[] | null;
    };

const imageKinds: readonly SessionFileKind[] = ['Snapshot', 'AnnotatedImage', 'Photo'];

const kindLabels: Record<SessionFileKind, string> = {
  Snapshot: 'Snapshot',
  AnnotatedImage: 'Annotated image',
  Photo: 'Photo',
  Document: 'Document',
};

/** Same-origin URLs of a file; the server checks the session cookie on each. */
export function fileUrl(id: string, part: 'content' | 'thumbnail'): string {
  return `/api/files/${encodeURIComponent(id)}/${part}`;
}

export { formatBytes };

const chatTime = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });

/** The time of day of a chat message, with seconds. */
function formatChatTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : chatTime.format(date);
}

function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404;
}

async function loadSession(callId: string): Promise<Loaded> {
  const id = encodeURIComponent(callId);
  try {
    const [call, files, chat] = await Promise.all([
      api.get<CallHistoryEntry>(`/api/calls/${id}`),
      api.get<SessionFileInfo[]>(`/api/calls/${id}/files`),
      api.get<ChatMessageInfo[]>(`/api/calls/${id}/chat`).catch((error: unknown) => {
        if (error instanceof ApiError && error.status === 403) return null;
        throw error;
      }),
    ]);
    return { kind: 'found', call, files, chat };
  } catch (error) {
    if (isNotFound(error)) return { kind: 'notFound' };
    throw error;
  }
}

export function SessionPage({ callId }: { callId: string }) {
  const session = useLoad(() => loadSession(callId));
  const data = session.data;

  if (data?.kind === 'notFound') {
    return (
      <main>
        <h1>Session</h1>
        <p role="alert" data-testid="session-not-found">
          This session was not found.
        </p>
        <Link href="/calls">Back to the call history</Link>
      </main>
    );
  }

  return (
    <main class="session">
      <p class="back">
        <Link href="/calls">← Call history</Link>
      </p>
      <h1>Session</h1>
      <FormAlert message={alertText(session.error, [])} />
      {session.error ? (
        <button type="button" onClick={session.reload}>
          Try again
        </button>
      ) : null}
      {data ? (
        <>
          <CallSummary call={data.call} />
          <Gallery files={data.files.filter((f) => imageKinds.includes(f.kind))} />
          <Documents files={data.files.filter((f) => !imageKinds.includes(f.kind))} />
          <SessionRecordings callId={callId} />
          <ChatTranscript messages={data.chat} />
        </>
      ) : session.error ? null : (
        <p class="loading">Loading…</p>
      )}
    </main>
  );
}

function CallSummary({ call }: { call: CallHistoryEntry }) {
  return (
    <dl class="session-summary" data-testid="session-summary">
      <div>
        <dt>Caller</dt>
        <dd>{call.caller.displayName}</dd>
      </div>
      <div>
        <dt>Callee</dt>
        <dd>{call.callee.displayName}</dd>
      </div>
      {call.others.length > 0 ? (
        <div>
          <dt>Also in the call</dt>
          <dd data-testid="session-others">
            {call.others
              .map((p) => (p.role === 'Guest' ? `${p.displayName} (guest)` : p.displayName))
              .join(', ')}
          </dd>
        </div>
      ) : null}
      <div>
        <dt>Started</dt>
        <dd>{formatDateTime(call.startedAt)}</dd>
      </div>
      <div>
        <dt>Duration</dt>
        <dd>{call.answeredAt ? formatDuration(call.durationSeconds) : '—'}</dd>
      </div>
      <div>
        <dt>Outcome</dt>
        <dd>{outcome(call)}</dd>
      </div>
    </dl>
  );
}

function Gallery({ files }: { files: SessionFileInfo[] }) {
  const [open, setOpen] = useState<SessionFileInfo | null>(null);
  const opener = useRef<HTMLElement | null>(null);

  function show(file: SessionFileInfo, event: MouseEvent) {
    opener.current = event.currentTarget as HTMLElement;
    setOpen(file);
  }

  function close() {
    setOpen(null);
    opener.current?.focus();
  }

  return (
    <section aria-labelledby="session-images">
      <h2 id="session-images">Images</h2>
      {files.length === 0 ? (
        <p class="hint">No snapshots or photos in this session.</p>
      ) : (
        <ul class="gallery" data-testid="session-gallery">
          {files.map((file) => (
            <li key={file.id} data-testid="gallery-item">
              <button
                type="button"
                class="thumb"
                aria-label={`View ${kindLabels[file.kind].toLowerCase()} ${file.displayName}`}
                onClick={(e) => show(file, e)}
              >
                <img
                  src={fileUrl(file.id, 'thumbnail')}
                  alt={file.displayName}
                  loading="lazy"
                  data-testid="thumbnail"
                />
              </button>
              <span class="thumb-caption">
                <strong>{kindLabels[file.kind]}</strong>
                <span class="hint">
                  {file.createdByName}, {formatDateTime(file.createdAt)}
                </span>
              </span>
            </li>
          ))}
        </ul>
      )}
      {open ? <ImageViewer file={open} onClose={close} /> : null}
    </section>
  );
}

function ImageViewer({ file, onClose }: { file: SessionFileInfo; onClose: () => void }) {
  const closeButton = useRef<HTMLButtonElement>(null);
  const close = useRef(onClose);
  close.current = onClose;

  useEffect(() => {
    closeButton.current?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        close.current();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const size = file.width && file.height ? `${file.width} × ${file.height}` : null;
  return (
    <div
      class="modal-backdrop viewer-backdrop"
      onClick={(e) => e.target === e.currentTarget && onClose()}
    >
      <section
        class="image-viewer"
        role="dialog"
        aria-modal="true"
        aria-label={file.displayName}
        data-testid="image-viewer"
      >
        <div class="viewer-bar">
          <span class="viewer-title">
            <strong>{kindLabels[file.kind]}</strong> {file.displayName}
            {size ? <span class="hint"> {size}</span> : null}
          </span>
          <a class="link-button" href={fileUrl(file.id, 'content')} download={file.displayName}>
            Download
          </a>
          <button type="button" ref={closeButton} onClick={onClose}>
            Close
          </button>
        </div>
        <div class="viewer-area">
          <img src={fileUrl(file.id, 'content')} alt={file.displayName} data-testid="full-image" />
        </div>
      </section>
    </div>
  );
}

function Documents({ files }: { files: SessionFileInfo[] }) {
  return (
    <section aria-labelledby="session-documents">
      <h2 id="session-documents">Documents</h2>
      {files.length === 0 ? (
        <p class="hint">No documents in this session.</p>
      ) : (
        <table data-testid="session-documents">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Size</th>
              <th scope="col">Shared by</th>
              <th scope="col">Time</th>
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {files.map((file) => (
              <tr key={file.id}>
                <td>{file.displayName}</td>
                <td>{formatBytes(file.length)}</td>
                <td>{file.createdByName}</td>
                <td>{formatDateTime(file.createdAt)}</td>
                <td class="row-actions">
                  <a
                    href={fileUrl(file.id, 'content')}
                    target="_blank"
                    rel="noopener noreferrer"
                    aria-label={`Open ${file.displayName}`}
                  >
                    Open
                  </a>
                  <a
                    href={fileUrl(file.id, 'content')}
                    download={file.displayName}
                    aria-label={`Download ${file.displayName}`}
                  >
                    Download
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function ChatTranscript({ messages }: { messages: ChatMessageInfo[] | null }) {
  return (
    <section aria-labelledby="session-chat">
      <h2 id="session-chat">Chat</h2>
      {messages === null ? (
        <p class="hint">The chat is shown to the organisation's experts and admins.</p>
      ) : messages.length === 0 ? (
        <p class="hint">No chat messages in this session.</p>
      ) : (
        <ol class="transcript" data-testid="session-chat">
          {messages.map((m) => (
            <li key={m.id} data-testid="transcript-message">
              <span class="chat-meta">
                <strong>{m.senderName}</strong>{' '}
                <time dateTime={m.sentAt}>{formatChatTime(m.sentAt)}</time>
              </span>
              {/* Text only: Preact sets it as a text node, never as markup. */}
              <span class="chat-text">{m.text}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
