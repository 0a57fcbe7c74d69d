// The local microphone and camera of one app, with the switches the in-call controls need.
import { TypedEmitter } from './emitter';
import { toMediaError } from './errors';

export interface ResolutionPreset {
  label: string;
  width: number;
  height: number;
}

export const resolutionPresets: readonly ResolutionPreset[] = [
  { label: '480p', width: 640, height: 480 },
  { label: '720p', width: 1280, height: 720 },
  { label: '1080p', width: 1920, height: 1080 },
];
export const defaultPresetIndex = 1;

export interface LocalMediaOptions {
  /** Start the camera together with the microphone (glasses) or only on demand (expert). */
  cameraAtStart: boolean;
  facingMode?: 'user' | 'environment';
  preset?: ResolutionPreset;
  /** The camera and microphone chosen beforehand (a guest's device check); the defaults otherwise. */
  cameraDeviceId?: string;
  microphoneDeviceId?: string;
}

export interface LocalMediaEvents {
  changed: LocalMedia;
}

export class LocalMedia extends TypedEmitter<LocalMediaEvents> {
  audio: MediaStreamTrack | null = null;
  video: MediaStreamTrack | null = null;
  muted = false;
  cameraOff = false;
  preset: ResolutionPreset;
  /** The last media error, for the UI. */
  error: string | null = null;
  private readonly options: LocalMediaOptions;
  private starting: Promise<void> | null = null;
  /** Bumped by stop(): a getUserMedia that resolves afterwards releases what it got. */
  private generation = 0;

  constructor(options: LocalMediaOptions) {
    super();
    this.options = options;
    this.preset = options.preset ?? resolutionPresets[defaultPresetIndex]!;
  }

  /** Whether our video should be sent (a camera track exists). */
  get sendingVideo(): boolean {
    return this.video !== null;
  }

  /** A stream of the camera for the self-view, or null. */
  previewStream(): MediaStream | null {
    return this.video ? new MediaStream([this.video]) : null;
  }

  /** Opens the microphone (and the camera for the glasses); safe to call repeatedly. */
  start(): Promise<void> {
    if (this.audio || this.video) return Promise.resolve();
    this.starting ??= this.open().finally(() => (this.starting = null));
    return this.starting;
  }

  private async open(): Promise<void> {
    const wantVideo = this.options.cameraAtStart;
    const generation = this.generation;
    try {
      const stream = await navigator.mediaDevices.getUserMedia({
        audio: this.audioConstraints(),
        video: wantVideo ? this.videoConstraints(this.options.cameraDeviceId) : false,
      });
      this.audio = stream.getAudioTracks()[0] ?? null;
      this.video = stream.getVideoTracks()[0] ?? null;
      this.error = null;
    } catch (error) {
      // Try each device on its own: a call with only audio or only video beats no call.
      this.error = toMediaError(error).message;
      this.audio = await this.single({ audio: this.audioConstraints() });
      if (wantVideo) {
        this.video = await this.single({
          video: this.videoConstraints(this.options.cameraDeviceId),
        });
      }
    }
    if (generation !== this.generation) {
      this.audio?.stop();
      this.video?.stop();
      this.audio = null;
      this.video = null;
      return;
    }
    if (this.audio) this.audio.enabled = !this.muted;
    if (this.video) this.video.enabled = !this.cameraOff;
    this.emit('changed', this);
  }

  private async single(constraints: MediaStreamConstraints): Promise<MediaStreamTrack | null> {
    try {
      const stream = await navigator.mediaDevices.getUserMedia(constraints);
      return stream.getTracks()[0] ?? null;
    } catch {
      return null;
    }
  }

  private audioConstraints(): MediaTrackConstraints | boolean {
    const id = this.options.microphoneDeviceId;
    return id ? { deviceId: { exact: id } } : true;
  }

  private videoConstraints(deviceId?: string): MediaTrackConstraints {
    const constraints: MediaTrackConstraints = {
      width: { ideal: this.preset.width },
      height: { ideal: this.preset.height },
    };
    if (deviceId) constraints.deviceId = { exact: deviceId };
    else if (this.options.facingMode) constraints.facingMode = this.options.facingMode;
    return constraints;
  }

  setMuted(muted: boolean): void {
    this.muted = muted;
    if (this.audio) this.audio.enabled = !muted;
    this.emit('changed', this);
  }

  /** Camera off keeps the track (and the negotiated video) but sends black frames. */
  setCameraOff(off: boolean): void {
    this.cameraOff = off;
    if (this.video) this.video.enabled = !off;
    this.emit('changed', this);
  }

  /** Opens the camera (optionally a given one); replaces the current camera track. */
  async startCamera(deviceId?: string): Promise<void> {
    const generation = this.generation;
    const previous = this.video;
    // Some phones and USB cameras cannot be opened twice: release the old one first.
    previous?.stop();
    this.video = null;
    try {
      const stream = await navigator.mediaDevices.getUserMedia({
        video: this.videoConstraints(deviceId),
      });
      const track = stream.getVideoTracks()[0] ?? null;
      if (generation !== this.generation) {
        track?.stop();
        return;
      }
      this.video = track;
      if (track) track.enabled = !this.cameraOff;
      this.error = null;
    } catch (error) {
      this.error = toMediaError(error).message;
    }
    this.emit('changed', this);
  }

  stopCamera(): void {
    this.video?.stop();
    this.video = null;
    this.emit('changed', this);
  }

  /** Moves to the next camera (built-in, USB/OTG camera, microscope…); returns its label. */
  async switchCamera(): Promise<string | null> {
    const devices = (await navigator.mediaDevices.enumerateDevices()).filter(
      (d) => d.kind === 'videoinput',
    );
    if (devices.length === 0) return null;
    const current = this.video?.getSettings().deviceId;
    const index = devices.findIndex((d) => d.deviceId === current);
    const next = devices[(index + 1) % devices.length]!;
    await this.startCamera(next.deviceId || undefined);
    return next.label || `Camera ${((index + 1) % devices.length) + 1}`;
  }

  /** Changes the resolution preset; the camera track is adjusted in place where possible. */
  async setPreset(preset: ResolutionPreset): Promise<void> {
    this.preset = preset;
    const video = this.video;
    if (video) {
      try {
        await video.applyConstraints({
          width: { ideal: preset.width },
          height: { ideal: preset.height },
        });
      } catch {
        await this.startCamera(video.getSettings().deviceId);
        return;
      }
    }
    this.emit('changed', this);
  }

  /** Releases the camera and microphone. */
  stop(): void {
    this.generation++;
    this.starting = null;
    this.muted = false;
    this.cameraOff = false;
    this.audio?.stop();
    this.video?.stop();
    this.audio = null;
    this.video = null;
    this.emit('changed', this);
  }
}
