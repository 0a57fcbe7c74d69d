// A ring tone made with WebAudio (no audio files): the classic 440 + 480 Hz pair,
// 2 s on, 4 s off. `stop()` is idempotent and closes the AudioContext, so nothing keeps
// ringing after the screen that started it is gone.

type AudioContextCtor = typeof AudioContext;

export class Ringtone {
  private context: AudioContext | null = null;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly onMs = 2_000,
    private readonly periodMs = 6_000,
  ) {}

  get ringing(): boolean {
    return this.context !== null;
  }

  start(): void {
    if (this.context) return;
    const Ctor = (globalThis as { AudioContext?: AudioContextCtor }).AudioContext;
    if (!Ctor) return;
    try {
      this.context = new Ctor();
    } catch {
      return;
    }
    // Browsers start a context "suspended" without a user gesture; try anyway.
    void this.context.resume().catch(() => undefined);
    this.burst();
    this.timer = setInterval(() => this.burst(), this.periodMs);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    const context = this.context;
    this.context = null;
    if (context) void context.close().catch(() => undefined);
  }

  private burst(): void {
    const context = this.context;
    if (!context) return;
    const now = context.currentTime;
    const end = now + this.onMs / 1000;
    const gain = context.createGain();
    gain.gain.setValueAtTime(0, now);
    gain.gain.linearRampToValueAtTime(0.15, now + 0.02);
    gain.gain.setValueAtTime(0.15, end - 0.05);
    gain.gain.linearRampToValueAtTime(0, end);
    gain.connect(context.destination);
    for (const frequency of [440, 480]) {
      const oscillator = context.createOscillator();
      oscillator.frequency.value = frequency;
      oscillator.connect(gain);
      oscillator.start(now);
      oscillator.stop(end);
      oscillator.onended = () => oscillator.disconnect();
    }
  }
}
