// Which document, image or video the expert shows on the glasses (DocumentShown), until
// either side closes it (DismissShown / ShownDismissed). An image shown the older way
// (ShowImage) replaces it.
import { useEffect, useState } from 'preact/hooks';
import type { CallController } from '../../shared/calls/controller';
import { SignalingEvent } from '../../shared/calls/signalingEvents';
import type { DocumentShown } from '../../shared/collaboration/types';

export function useShownDocument(controller: CallController, callId: string) {
  const [shown, setShown] = useState<DocumentShown | null>(null);
  const signaling = controller.signaling;

  useEffect(() => {
    const offs = [
      signaling.on(SignalingEvent.DocumentShown, (document) => {
        if (document.callId === callId) setShown(document);
      }),
      signaling.on(SignalingEvent.ShowImage, (show) => {
        if (show.callId === callId) setShown(null);
      }),
      signaling.on(SignalingEvent.ShownDismissed, (id) => {
        if (id === callId) setShown(null);
      }),
    ];
    return () => offs.forEach((off) => off());
  }, [signaling, callId]);

  function dismiss(): void {
    setShown(null);
    signaling.dismissShown(callId).catch((e: unknown) => console.warn('DismissShown failed', e));
  }

  return { shown, dismiss };
}
