import { useEffect, useState } from 'preact/hooks';
import { api, describeError } from '../../../shared/api';
import type { SessionFileInfo } from '../../../shared/collaboration/types';
import { FormAlert } from '../../forms';
import type { useDocumentOnGlasses } from './useDocumentOnGlasses';

type Glasses = ReturnType<typeof useDocumentOnGlasses>;

const accept =
  '.pdf,.jpg,.jpeg,.png,.webp,.mp4,.m4v,.webm,application/pdf,image/jpeg,image/png,image/webp,video/mp4,video/webm';

function kindOf(contentType: string): string {
  if (contentType === 'application/pdf') return 'PDF';
  if (contentType.startsWith('video/')) return 'Video';
  return 'Image';
}

function size(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} kB`;
}

/**
 * The call's documents and the organisation's library: upload a PDF, image or video to the
 * call (or the library) and show one on the glasses. Library documents are copied to the
 * call first, so the glasses may read them.
 */
export function DocumentsPanel({
  callId,
  glasses,
  onClose,
}: {
  callId: string;
  glasses: Glasses;
  onClose: () => void;
}) {
  const [callFiles, setCallFiles] = useState<SessionFileInfo[]>([]);
  const [library, setLibrary] = useState<SessionFileInfo[] | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function refresh(): Promise<void> {
    const [files, documents] = await Promise.all([
      api.get<SessionFileInfo[]>(`/api/calls/${encodeURIComponent(callId)}/files`),
      api.get<SessionFileInfo[]>('/api/library/documents'),
    ]);
    setCallFiles(files.filter((f) => f.kind === 'Document').reverse());
    setLibrary(documents);
  }

  useEffect(() => {
    refresh().catch((e: unknown) => setError(describeError(e)));
  }, [callId]);

  async function run(what: string, work: () => Promise<void>): Promise<void> {
    setBusy(what);
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(describeError(e) ?? 'That did not work.');
    } finally {
      setBusy(null);
    }
  }

  function upload(input: HTMLInputElement, toLibrary: boolean): void {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    const form = new FormData();
    form.append('file', file, file.name);
    void run(`Uploading ${file.name}…`, async () => {
      if (toLibrary) {
        await api.upload<SessionFileInfo>('/api/library/documents', form);
      } else {
        const stored = await api.upload<SessionFileInfo>(
          `/api/calls/${encodeURIComponent(callId)}/files?kind=Document`,
          form,
        );
        setCallFiles((files) => [stored, ...files.filter((f) => f.id !== stored.id)]);
      }
      await refresh();
    });
  }

  function showFromCall(file: SessionFileInfo): void {
    void run(`Opening ${file.displayName} on the glasses…`, () => glasses.show(file));
  }

  function showFromLibrary(document: SessionFileInfo): void {
    void run(`Opening ${document.displayName} on the glasses…`, async () => {
      const copy = await api.post<SessionFileInfo>(
        `/api/calls/${encodeURIComponent(callId)}/files/from-library/${encodeURIComponent(document.id)}`,
      );
      setCallFiles((files) => [copy, ...files]);
      await glasses.show(copy);
    });
  }

  return (
    <section class="documents-panel" aria-label="Documents" data-testid="documents-panel">
      <div class="documents-head">
        <h3>Documents</h3>
        <button type="button" class="secondary" onClick={onClose}>
          Hide documents
        </button>
      </div>
      <div class="documents-uploads">
        <label>
          Upload document
          <input
            type="file"
            accept={accept}
            disabled={busy !== null}
            onChange={(e) => upload(e.currentTarget, false)}
          />
        </label>
        <label>
          Add to library
          <input
            type="file"
            accept={accept}
            disabled={busy !== null}
            onChange={(e) => upload(e.currentTarget, true)}
          />
        </label>
      </div>
      <p class="hint">PDF, JPEG, PNG or WebP images, MP4 or WebM videos.</p>
      {busy ? (
        <p class="hint" role="status">
          {busy}
        </p>
      ) : null}
      <FormAlert message={error} />
      <h4>In this call</h4>
      <DocumentList
        testId="call-documents"
        files={callFiles}
        empty="Nothing shared in this call yet."
        disabled={busy !== null}
        onShow={showFromCall}
      />
      <h4>Library</h4>
      {library === null ? (
        <p class="hint">Loading…</p>
      ) : (
        <DocumentList
          testId="library-documents"
          files={library}
          empty="The library is empty."
          disabled={busy !== null}
          onShow={showFromLibrary}
        />
      )}
    </section>
  );
}

function DocumentList({
  testId,
  files,
  empty,
  disabled,
  onShow,
}: {
  testId: string;
  files: SessionFileInfo[];
  empty: string;
  disabled: boolean;
  onShow: (file: SessionFileInfo) => void;
}) {
  if (files.length === 0) return <p class="hint">{empty}</p>;
  return (
    <ul class="documents-list" data-testid={testId}>
      {files.map((file) => (
        <li key={file.id} data-testid="document-item">
          <span class="document-name">{file.displayName}</span>
          <span class="hint">
            {kindOf(file.contentType)} · {size(file.length)}
          </span>
          <button type="button" disabled={disabled} onClick={() => onShow(file)}>
            Show on glasses
          </button>
        </li>
      ))}
    </ul>
  );
}

/** What the glasses show now, with the page and the controls to turn it or take it down. */
export function ShownDocumentBar({ glasses }: { glasses: Glasses }) {
  const [error, setError] = useState<string | null>(null);
  const shown = glasses.shown;
  if (!shown) return null;
  const pdf = shown.contentType === 'application/pdf';

  function act(work: Promise<void>): void {
    setError(null);
    work.catch((e: unknown) => setError(describeError(e) ?? 'That did not work.'));
  }

  return (
    <div class="shown-document" role="group" aria-label="Shown on the glasses">
      <span>
        On the glasses: <strong>{shown.displayName}</strong>
      </span>
      {pdf ? (
        <>
          <button
            type="button"
            class="secondary"
            disabled={shown.page <= 1}
            onClick={() => act(glasses.turn(-1))}
          >
            Previous page
          </button>
          <span data-testid="document-page" role="status">
            {shown.pageCount === null
              ? `Page ${shown.page}`
              : `Page ${shown.page} of ${shown.pageCount}`}
          </span>
          <button
            type="button"
            class="secondary"
            disabled={shown.pageCount !== null && shown.page >= shown.pageCount}
            onClick={() => act(glasses.turn(1))}
          >
            Next page
          </button>
        </>
      ) : null}
      <button type="button" class="secondary" onClick={() => act(glasses.close())}>
        Close on glasses
      </button>
      <FormAlert message={error} />
    </div>
  );
}
