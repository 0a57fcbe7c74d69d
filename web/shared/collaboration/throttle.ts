/** At most one value per interval; values inside the interval wait, and only the latest is sent. */
export class LatestWinsThrottle<T> {
  private last = Number.NEGATIVE_INFINITY;
  private pending: { value: T } | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly send: (value: T) => void,
    private readonly intervalMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  push(value: T): void {
    const wait = this.last + this.intervalMs - this.now();
    if (wait <= 0 && this.timer === undefined) {
      this.last = this.now();
      this.send(value);
      return;
    }
    this.pending = { value };
    this.timer ??= setTimeout(() => this.flush(), Math.max(0, wait));
  }

  cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = null;
  }

  private flush(): void {
    this.timer = undefined;
    const pending = this.pending;
    this.pending = null;
    if (!pending) return;
    this.last = this.now();
    this.send(pending.value);
  }
}
