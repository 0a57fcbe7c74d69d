/** What the camera and microphone check found, in words a guest understands. */
export interface MediaCheckResult {
  stream: MediaStream | null;
  hasCamera: boolean;
  hasMicrophone: boolean;
  /** Why something is missing; null when both work. */
  problem: string | null;
}

export interface DeviceChoice {
  cameraId?: string;
  microphoneId?: string;
}

type MediaDevicesLike = Pick<MediaDevices, 'getUserMedia' | 'enumerateDevices'>;

export const messages = {
  unsupported:
    'This browser cannot use a camera or microphone here. Open the link in a current Chrome, Firefox, Edge or Safari.',
  denied:
    'Camera and microphone access is blocked. Allow it in your browser (the camera icon in the address bar or the site settings), then press Try again.',
  none: 'No camera or microphone was found. Connect one and press Try again, or join without them.',
  noCamera: 'No camera was found. You can join with your microphone only.',
  noMicrophone: 'No microphone was found. Others will not hear you.',
  busy: 'Your camera or microphone is used by another app. Close that app and press Try again.',
  other: 'The camera or microphone could not be started. Press Try again.',
} as const;

function errorName(error: unknown): string {
  return error instanceof Error || (typeof error === 'object' && error !== null && 'name' in error)
    ? String((error as { name: unknown }).name)
    : '';
}

function describe(error: unknown): string {
  switch (errorName(error)) {
    case 'NotAllowedError':
    case 'SecurityError':
      return messages.denied;
    case 'NotFoundError':
    case 'OverconstrainedError':
      return messages.none;
    case 'NotReadableError':
    case 'AbortError':
      return messages.busy;
    default:
      return messages.other;
  }
}

function constraint(id: string | undefined): MediaTrackConstraints | boolean {
  return id ? { deviceId: { exact: id } } : true;
}

/**
 * Opens camera and microphone. When one of them does not exist, tries the other alone, so a
 * laptop without a camera still joins with its microphone.
 */
export async function openMedia(
  choice: DeviceChoice = {},
  devices: MediaDevicesLike | undefined = globalThis.navigator?.mediaDevices,
): Promise<MediaCheckResult> {
  if (!devices?.getUserMedia) {
    return { stream: null, hasCamera: false, hasMicrophone: false, problem: messages.unsupported };
  }
  const video = constraint(choice.cameraId);
  const audio = constraint(choice.microphoneId);
  try {
    const stream = await devices.getUserMedia({ video, audio });
    return { stream, hasCamera: true, hasMicrophone: true, problem: null };
  } catch (error) {
    const name = errorName(error);
    if (name !== 'NotFoundError' && name !== 'OverconstrainedError') {
      return { stream: null, hasCamera: false, hasMicrophone: false, problem: describe(error) };
    }
  }
  for (const [kind, only] of [
    ['microphone', { audio }],
    ['camera', { video }],
  ] as const) {
    try {
      const stream = await devices.getUserMedia(only);
      const hasCamera = kind === 'camera';
      return {
        stream,
        hasCamera,
        hasMicrophone: !hasCamera,
        problem: hasCamera ? messages.noMicrophone : messages.noCamera,
      };
    } catch (error) {
      const name = errorName(error);
      if (name !== 'NotFoundError' && name !== 'OverconstrainedError') {
        return { stream: null, hasCamera: false, hasMicrophone: false, problem: describe(error) };
      }
    }
  }
  return { stream: null, hasCamera: false, hasMicrophone: false, problem: messages.none };
}

export interface DeviceLists {
  cameras: MediaDeviceInfo[];
  microphones: MediaDeviceInfo[];
}

/** Cameras and microphones by name (names are only given once access was allowed). */
export async function listDevices(
  devices: MediaDevicesLike | undefined = globalThis.navigator?.mediaDevices,
): Promise<DeviceLists> {
  if (!devices?.enumerateDevices) return { cameras: [], microphones: [] };
  const all = await devices.enumerateDevices();
  return {
    cameras: all.filter((d) => d.kind === 'videoinput' && d.deviceId),
    microphones: all.filter((d) => d.kind === 'audioinput' && d.deviceId),
  };
}

export function stopStream(stream: MediaStream | null): void {
  stream?.getTracks().forEach((t) => t.stop());
}

/**
 * Follows the loudness of the stream's microphone (0–1) with a WebAudio AnalyserNode. Returns a
 * function that stops listening.
 */
export function watchLevel(stream: MediaStream, onLevel: (level: number) => void): () => void {
  const AudioContextClass = globalThis.AudioContext;
  if (!AudioContextClass || stream.getAudioTracks().length === 0) return () => undefined;
  const context = new AudioContextClass();
  const source = context.createMediaStreamSource(stream);
  const analyser = context.createAnalyser();
  analyser.fftSize = 1024;
  source.connect(analyser);
  const samples = new Uint8Array(analyser.fftSize);
  let frame = 0;
  const tick = () => {
    analyser.getByteTimeDomainData(samples);
    let sum = 0;
    for (const s of samples) {
      const v = (s - 128) / 128;
      sum += v * v;
    }
    // RMS of speech sits around 0.05–0.3; scale so that talking fills most of the meter.
    onLevel(Math.min(1, Math.sqrt(sum / samples.length) * 4));
    frame = requestAnimationFrame(tick);
  };
  frame = requestAnimationFrame(tick);
  return () => {
    cancelAnimationFrame(frame);
    source.disconnect();
    void context.close().catch(() => undefined);
  };
}
