import { describe, expect, it } from 'vitest';
import { CallError, toCallError } from './errors';

describe('toCallError', () => {
  it("keeps the HubException's message for the user", () => {
    const error = toCallError(
      new Error(
        "An unexpected error occurred invoking 'StartCall' on the server. HubException: Tess is offline",
      ),
    );
    expect(error).toBeInstanceOf(CallError);
    expect(error.reason).toBe('Rejected');
    expect(error.message).toBe('Tess is offline');
  });

  it('recognises a missing connection', () => {
    const error = toCallError(
      new Error("Cannot send data if the connection is not in the 'Connected' State."),
    );
    expect(error.reason).toBe('NotConnected');
  });

  it('hides server internals of other exceptions', () => {
    const error = toCallError(
      new Error("An unexpected error occurred invoking 'StartCall' on the server."),
    );
    expect(error.message).toBe('The server could not do that. Please try again.');
  });
});
