import { useEffect, useMemo } from 'preact/hooks';
import { CallController, exposeTestHook, urlFlags } from '../../shared/calls/controller';
import { LocalMedia } from '../../shared/calls/localMedia';

/** One hub connection and call engine for the signed-in user, for the life of the session. */
export function useCallController(userId: string): CallController {
  const controller = useMemo(
    () =>
      new CallController({
        selfUserId: userId,
        // The expert always sends the microphone; the webcam only while shared.
        media: new LocalMedia({ cameraAtStart: false, facingMode: 'user' }),
        ...urlFlags(),
      }),
    [userId],
  );
  useEffect(() => {
    controller.start();
    const removeHook = exposeTestHook(controller);
    return () => {
      removeHook();
      void controller.dispose();
    };
  }, [controller]);
  return controller;
}
