import { useEffect, useRef, useState } from 'preact/hooks';
import type { CallController } from '../../shared/calls/controller';
import { toCallError } from '../../shared/calls/errors';
import { chatMaxLength } from '../../shared/collaboration/types';
import { useChat } from '../../shared/collaboration/useChat';

const shown = 3;

/**
 * The latest chat messages, large, in a corner of the picture (plain text only), and, while
 * `composing`, a one-line reply row. The server relays a message to the others only, so the
 * technician's own message shows from SendChat's answer (useChat merges it by id).
 */
export function ChatOverlay({
  controller,
  callId,
  composing = false,
  onComposeEnd,
}: {
  controller: CallController;
  callId: string;
  composing?: boolean;
  /** The reply row closed (sent or cancelled): put focus back where it came from. */
  onComposeEnd?: () => void;
}) {
  const { messages, send } = useChat(controller, callId);
  return (
    <>
      {/* Before the list so CSS (`~`) can lift the messages above the row. */}
      {composing ? <ChatComposer send={send} onDone={() => onComposeEnd?.()} /> : null}
      {messages.length > 0 ? (
        <ol class="chat-overlay" data-testid="chat-messages" aria-live="polite">
          {messages.slice(-shown).map((m) => (
            <li key={m.id}>
              <span class="chat-from">{m.senderName}</span>
              <span class="chat-text">{m.text}</span>
            </li>
          ))}
        </ol>
      ) : null}
    </>
  );
}

/**
 * One line to dictate or type a message into. Enter or Send sends it; Escape or Cancel closes.
 * Left/Right stay in the field (see focus.ts); Up/Down reach Send and Cancel.
 */
function ChatComposer({
  send,
  onDone,
}: {
  send: (text: string) => Promise<void>;
  onDone: () => void;
}) {
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);

  async function submit() {
    if (sending) return;
    if (!text.trim()) {
      input.current?.focus();
      return;
    }
    setSending(true);
    setError(null);
    try {
      await send(text);
      onDone();
    } catch (err) {
      setError(toCallError(err).message);
      setSending(false);
      input.current?.focus();
    }
  }

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'Escape') {
      event.preventDefault();
      onDone();
    } else if (event.key === 'Enter' && event.target === input.current && !event.isComposing) {
      event.preventDefault();
      void submit();
    }
  }

  return (
    <form
      class="chat-compose"
      data-testid="chat-compose"
      onKeyDown={onKeyDown}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      {error ? (
        <p class="alert" role="alert">
          {error}
        </p>
      ) : null}
      <div class="chat-compose-row">
        <input
          ref={input}
          type="text"
          aria-label="Message"
          autoComplete="off"
          maxLength={chatMaxLength}
          value={text}
          readOnly={sending}
          onInput={(e) => setText(e.currentTarget.value)}
        />
        <button type="submit" disabled={sending}>
          Send
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
