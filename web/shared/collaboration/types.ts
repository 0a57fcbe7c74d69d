// TypeScript mirror of src/RemoteSupport.Contracts/Collaboration (checked by contracts.test.ts).

/** X and Y in [0, 1] of the technician's video frame itself (letterboxing removed). */
export interface PointerMove {
  callId: string;
  x: number;
  y: number;
}

export interface PointerPosition {
  callId: string;
  expertId: string;
  color: string;
  x: number;
  y: number;
}

export interface SendChatRequest {
  callId: string;
  text: string | null;
}

export interface ChatMessageInfo {
  id: string;
  callId: string;
  senderId: string;
  senderName: string;
  text: string;
  sentAt: string;
}

export const chatMaxLength = 1000;
