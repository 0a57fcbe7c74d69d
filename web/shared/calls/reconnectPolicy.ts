// When to retry a dropped hub connection. Modelled on livekit's ReconnectPolicy: a pure
// function of the retry context, so it can be tested without timers or sockets. The shape
// matches @microsoft/signalr's IRetryPolicy, so an instance plugs straight into
// HubConnectionBuilder.withAutomaticReconnect().

export interface RetryContext {
  /** Failed attempts so far in this outage (0 before the first retry). */
  readonly previousRetryCount: number;
  /** Time spent reconnecting so far. */
  readonly elapsedMilliseconds: number;
  readonly retryReason?: Error;
}

export interface ReconnectPolicy {
  /** Milliseconds to wait before the next attempt, or null to give up. */
  nextRetryDelayInMilliseconds(context: RetryContext): number | null;
}

export interface BackoffOptions {
  /** Delay before the second attempt; the first one is immediate. */
  initialDelayMs?: number;
  maxDelayMs?: number;
  multiplier?: number;
  /** Fraction of the delay that is randomised (0 = none, 0.5 = ±50 %). */
  jitter?: number;
  /** Stop trying after this long, unless `keepTrying` says otherwise. */
  giveUpAfterMs?: number;
  /** True while giving up would hurt, e.g. during a call: then retries never stop. */
  keepTrying?: () => boolean;
  /** Injectable for tests; returns [0, 1). */
  random?: () => number;
}

/** Exponential backoff with jitter: 0, ~1 s, ~2 s, ~4 s, … capped, randomised so that
 * many devices dropped by the same outage do not reconnect in lockstep. */
export class BackoffReconnectPolicy implements ReconnectPolicy {
  private readonly initialDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly multiplier: number;
  private readonly jitter: number;
  private readonly giveUpAfterMs: number;
  private readonly keepTrying: () => boolean;
  private readonly random: () => number;

  constructor(options: BackoffOptions = {}) {
    this.initialDelayMs = options.initialDelayMs ?? 1_000;
    this.maxDelayMs = options.maxDelayMs ?? 15_000;
    this.multiplier = options.multiplier ?? 2;
    this.jitter = Math.min(1, Math.max(0, options.jitter ?? 0.3));
    this.giveUpAfterMs = options.giveUpAfterMs ?? 30 * 60_000;
    this.keepTrying = options.keepTrying ?? (() => false);
    this.random = options.random ?? Math.random;
  }

  nextRetryDelayInMilliseconds(context: RetryContext): number | null {
    if (context.elapsedMilliseconds >= this.giveUpAfterMs && !this.keepTrying()) return null;
    if (context.previousRetryCount === 0) return 0;
    const exponent = context.previousRetryCount - 1;
    const base = Math.min(this.maxDelayMs, this.initialDelayMs * this.multiplier ** exponent);
    const spread = base * this.jitter;
    const delay = base - spread + this.random() * 2 * spread;
    return Math.round(Math.min(this.maxDelayMs, Math.max(0, delay)));
  }
}
