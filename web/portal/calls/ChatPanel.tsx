import { useEffect, useRef, useState } from 'preact/hooks';
import type { CallController } from '../../shared/calls/controller';
import { toCallError } from '../../shared/calls/errors';
import { chatMaxLength } from '../../shared/collaboration/types';
import { useChat } from '../../shared/collaboration/useChat';

const time = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

/** The call's chat: every message kept with the session; texts are shown as text, never markup. */
export function ChatPanel({ controller, callId }: { controller: CallController; callId: string }) {
  const { messages, send } = useChat(controller, callId);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const list = useRef<HTMLOListElement>(null);

  useEffect(() => {
    const el = list.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [messages.length]);

  async function submit(e: Event) {
    e.preventDefault();
    if (!text.trim() || sending) return;
    setSending(true);
    setError(null);
    try {
      await send(text);
      setText('');
    } catch (err) {
      setError(toCallError(err).message);
    } finally {
      setSending(false);
    }
  }

  return (
    <aside class="chat" aria-label="Chat">
      <h3>Chat</h3>
      <ol ref={list} class="chat-list" data-testid="chat-list" aria-live="polite">
        {messages.map((m) => (
          <li key={m.id} data-testid="chat-message">
            <span class="chat-meta">
              {m.senderName} · {time.format(new Date(m.sentAt))}
            </span>
            <span class="chat-text">{m.text}</span>
          </li>
        ))}
      </ol>
      {error ? (
        <p class="alert" role="alert">
          {error}
        </p>
      ) : null}
      <form class="chat-form" onSubmit={(e) => void submit(e)}>
        <label for="chat-input" class="visually-hidden">
          Message
        </label>
        <input
          id="chat-input"
          type="text"
          autoComplete="off"
          maxLength={chatMaxLength}
          placeholder="Message"
          value={text}
          onInput={(e) => setText(e.currentTarget.value)}
        />
        <button type="submit" disabled={sending || !text.trim()}>
          Send
        </button>
      </form>
    </aside>
  );
}
