// Errors of the call engine, each with a machine-readable reason and a sentence for people.

export const callErrorReasons = [
  /** The server refused (HubException): offline, busy, not allowed… */
  'Rejected',
  /** No hub connection (yet, or any more). */
  'NotConnected',
  /** Camera or microphone unavailable or denied. */
  'Media',
  /** Anything else the browser threw. */
  'Internal',
] as const;
export type CallErrorReason = (typeof callErrorReasons)[number];

export class CallError extends Error {
  readonly reason: CallErrorReason;
  constructor(reason: CallErrorReason, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CallError';
    this.reason = reason;
  }
}

// ASP.NET Core SignalR sends "An unexpected error occurred invoking 'X' on the server.
// HubException: <message>" for HubException; the part after the type name is meant for users.
const hubExceptionPattern = /HubException:\s*([\s\S]+)$/;

/** Turns whatever `connection.invoke` threw into a CallError with a readable message. */
export function toCallError(error: unknown): CallError {
  if (error instanceof CallError) return error;
  const text = error instanceof Error ? error.message : String(error);
  const hub = hubExceptionPattern.exec(text);
  if (hub) return new CallError('Rejected', hub[1]!.trim(), { cause: error });
  if (/not in the 'Connected' State|connection (was )?(stopped|closed)|WebSocket/i.test(text)) {
    return new CallError('NotConnected', 'Not connected to the server. Reconnecting…', {
      cause: error,
    });
  }
  if (/invoking '\w+' on the server/i.test(text)) {
    return new CallError('Rejected', 'The server could not do that. Please try again.', {
      cause: error,
    });
  }
  return new CallError('Internal', text || 'Something went wrong.', { cause: error });
}

/** A sentence for a getUserMedia failure. */
export function toMediaError(error: unknown): CallError {
  const name = error instanceof Error ? error.name : '';
  const message =
    name === 'NotAllowedError'
      ? 'Camera or microphone access was denied.'
      : name === 'NotFoundError' || name === 'OverconstrainedError'
        ? 'No camera or microphone found.'
        : name === 'NotReadableError'
          ? 'The camera or microphone is in use by another app.'
          : 'Camera or microphone unavailable.';
  return new CallError('Media', message, { cause: error });
}
