// The portal's side of documents on the glasses: which one is shown, the page the glasses
// report ("Page 2 of 5"), turning pages and closing it.
import { useEffect, useState } from 'preact/hooks';
import type { CallController } from '../../../shared/calls/controller';
import { SignalingEvent } from '../../../shared/calls/signalingEvents';
import type { SessionFileInfo } from '../../../shared/collaboration/types';

export interface ShownDocument {
  fileId: string;
  displayName: string;
  contentType: string;
  page: number;
  /** Known once the glasses have opened the PDF and reported it. */
  pageCount: number | null;
}

export function useDocumentOnGlasses(controller: CallController, callId: string) {
  const [shown, setShown] = useState<ShownDocument | null>(null);
  const signaling = controller.signaling;

  useEffect(() => {
    const offs = [
      signaling.on(SignalingEvent.PageTurned, (command) => {
        if (command.callId !== callId) return;
        setShown((current) =>
          current ? { ...current, page: command.page, pageCount: command.pageCount } : current,
        );
      }),
      signaling.on(SignalingEvent.ShownDismissed, (id) => {
        if (id === callId) setShown(null);
      }),
    ];
    return () => offs.forEach((off) => off());
  }, [signaling, callId]);

  async function show(file: SessionFileInfo): Promise<void> {
    await signaling.showDocument({ callId, fileId: file.id });
    setShown({
      fileId: file.id,
      displayName: file.displayName,
      contentType: file.contentType,
      page: 1,
      pageCount: null,
    });
  }

  async function turn(delta: 1 | -1): Promise<void> {
    if (!shown) return;
    const page = Math.max(1, shown.page + delta);
    if (shown.pageCount !== null && page > shown.pageCount) return;
    // Shown at once; the glasses' report confirms (or corrects) it.
    setShown({ ...shown, page });
    await signaling.turnPage({ callId, page, pageCount: null });
  }

  async function close(): Promise<void> {
    setShown(null);
    await signaling.dismissShown(callId);
  }

  /** Something else (an annotated image) replaced the document on the glasses. */
  function forget(): void {
    setShown(null);
  }

  return { shown, show, turn, close, forget };
}
