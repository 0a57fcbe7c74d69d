// The sharpest still the device can give: ImageCapture.takePhoto() at the camera's full photo
// resolution where the browser supports it, else the video's own frame at its native size.

export interface Still {
  blob: Blob;
  /** How it was taken, for diagnostics. */
  source: 'photo' | 'frame';
}

export async function captureStill(
  track: MediaStreamTrack,
  video: HTMLVideoElement | null,
): Promise<Still> {
  if (typeof ImageCapture === 'function' && track.readyState === 'live') {
    try {
      return { blob: await asJpeg(await takePhoto(new ImageCapture(track))), source: 'photo' };
    } catch (error) {
      // Some cameras (and some Android builds) refuse stills while streaming: use the frame.
      console.warn('takePhoto failed; using the video frame', error);
    }
  }
  if (!video) throw new Error('No camera picture to capture.');
  return { blob: await grabFrame(video), source: 'frame' };
}

async function takePhoto(capture: ImageCapture): Promise<Blob> {
  let settings: PhotoSettings | undefined;
  try {
    const caps = await capture.getPhotoCapabilities();
    if (caps.imageWidth?.max && caps.imageHeight?.max) {
      settings = { imageWidth: caps.imageWidth.max, imageHeight: caps.imageHeight.max };
    }
  } catch {
    // No capabilities: the device's default photo size.
  }
  try {
    return await capture.takePhoto(settings);
  } catch (error) {
    if (!settings) throw error;
    return capture.takePhoto();
  }
}

/** The current frame at videoWidth x videoHeight as JPEG 0.92. */
export async function grabFrame(video: HTMLVideoElement): Promise<Blob> {
  const { videoWidth: width, videoHeight: height } = video;
  if (!width || !height) throw new Error('The camera picture is not ready yet.');
  return encodeJpeg(video, width, height);
}

/**
 * Some cameras (and Chromium's fake one) give PNG stills: as JPEG 0.92 they are about half the size over
 * a 3G uplink and the server re-encodes them several times faster. Full resolution is kept.
 */
async function asJpeg(photo: Blob): Promise<Blob> {
  if (photo.type === 'image/jpeg' || typeof createImageBitmap !== 'function') return photo;
  const bitmap = await createImageBitmap(photo);
  try {
    return await encodeJpeg(bitmap, bitmap.width, bitmap.height);
  } finally {
    bitmap.close();
  }
}

async function encodeJpeg(source: CanvasImageSource, width: number, height: number): Promise<Blob> {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('This device cannot capture a picture.');
  context.drawImage(source, 0, 0, width, height);
  const blob = await new Promise<Blob | null>((resolve) =>
    canvas.toBlob(resolve, 'image/jpeg', 0.92),
  );
  // Release the pixels at once: the glasses have little memory.
  canvas.width = 0;
  canvas.height = 0;
  if (!blob) throw new Error('The picture could not be encoded.');
  return blob;
}
