import type { CallController } from '../../shared/calls/controller';
import { useChat } from '../../shared/collaboration/useChat';

const shown = 3;

/** The latest chat messages, large, in a corner of the picture. Plain text only. */
export function ChatOverlay({
  controller,
  callId,
}: {
  controller: CallController;
  callId: string;
}) {
  const { messages } = useChat(controller, callId);
  if (messages.length === 0) return null;
  return (
    <ol class="chat-overlay" data-testid="chat-messages" aria-live="polite">
      {messages.slice(-shown).map((m) => (
        <li key={m.id}>
          <span class="chat-from">{m.senderName}</span>
          <span class="chat-text">{m.text}</span>
        </li>
      ))}
    </ol>
  );
}
