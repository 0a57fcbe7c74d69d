// The chat of the current call: loaded from the server (after a reload or reconnection too)
// and kept up to date from ChatReceived. Texts are plain strings; render them as text only.
import { useEffect, useState } from 'preact/hooks';
import type { CallController } from '../calls/controller';
import { SignalingEvent } from '../calls/signalingEvents';
import type { ChatMessageInfo } from './types';

export function mergeMessages(list: ChatMessageInfo[], more: ChatMessageInfo[]): ChatMessageInfo[] {
  const byId = new Map(list.map((m) => [m.id, m]));
  for (const m of more) byId.set(m.id, m);
  // ISO 8601 in UTC from the server: string order is time order.
  return [...byId.values()].sort((a, b) =>
    a.sentAt < b.sentAt ? -1 : a.sentAt > b.sentAt ? 1 : 0,
  );
}

export function useChat(controller: CallController, callId: string) {
  const [messages, setMessages] = useState<ChatMessageInfo[]>([]);
  const signaling = controller.signaling;

  useEffect(() => {
    let live = true;
    setMessages([]);
    const load = () => {
      signaling
        .getChat(callId)
        .then((all) => live && setMessages((list) => mergeMessages(list, all)))
        .catch((error: unknown) => console.warn('GetChat failed', error));
    };
    const offs = [
      signaling.on(SignalingEvent.ChatReceived, (m) => {
        if (m.callId === callId) setMessages((list) => mergeMessages(list, [m]));
      }),
      signaling.on(SignalingEvent.Connected, load),
    ];
    if (signaling.connected) load();
    return () => {
      live = false;
      offs.forEach((off) => off());
    };
  }, [signaling, callId]);

  async function send(text: string): Promise<void> {
    const sent = await signaling.sendChat({ callId, text });
    setMessages((list) => mergeMessages(list, [sent]));
  }

  return { messages, send };
}
