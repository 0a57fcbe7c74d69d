import { describe, expect, it, vi } from 'vitest';
import { messages, openMedia } from './mediaCheck';

const stream = { getTracks: () => [] } as unknown as MediaStream;

function failing(name: string) {
  return Object.assign(new Error(name), { name });
}

function devices(getUserMedia: (c: MediaStreamConstraints) => Promise<MediaStream>) {
  return { getUserMedia: vi.fn(getUserMedia), enumerateDevices: vi.fn(async () => []) };
}

describe('openMedia', () => {
  it('opens camera and microphone together', async () => {
    const d = devices(async () => stream);
    expect(await openMedia({}, d)).toEqual({
      stream,
      hasCamera: true,
      hasMicrophone: true,
      problem: null,
    });
    expect(d.getUserMedia).toHaveBeenCalledWith({ video: true, audio: true });
  });

  it('uses the chosen devices exactly', async () => {
    const d = devices(async () => stream);
    await openMedia({ cameraId: 'cam-2', microphoneId: 'mic-3' }, d);
    expect(d.getUserMedia).toHaveBeenCalledWith({
      video: { deviceId: { exact: 'cam-2' } },
      audio: { deviceId: { exact: 'mic-3' } },
    });
  });

  it('says so plainly when access is blocked', async () => {
    const d = devices(async () => Promise.reject(failing('NotAllowedError')));
    const result = await openMedia({}, d);
    expect(result.problem).toBe(messages.denied);
    expect(result.stream).toBeNull();
    expect(d.getUserMedia).toHaveBeenCalledTimes(1);
  });

  it('falls back to the microphone alone when there is no camera', async () => {
    const d = devices(async (c) => (c.video ? Promise.reject(failing('NotFoundError')) : stream));
    expect(await openMedia({}, d)).toEqual({
      stream,
      hasCamera: false,
      hasMicrophone: true,
      problem: messages.noCamera,
    });
  });

  it('says when there is neither camera nor microphone', async () => {
    const d = devices(async () => Promise.reject(failing('NotFoundError')));
    expect((await openMedia({}, d)).problem).toBe(messages.none);
  });

  it('says when a device is used by another app', async () => {
    const d = devices(async () => Promise.reject(failing('NotReadableError')));
    expect((await openMedia({}, d)).problem).toBe(messages.busy);
  });

  it('explains a browser without media devices', async () => {
    expect((await openMedia({}, undefined)).problem).toBe(messages.unsupported);
  });
});
