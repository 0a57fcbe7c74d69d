// A stand-in for SessionSignaling in component tests: no socket; tests push hub events
// with emit() and see the invocations in `invoked`.
import { TypedEmitter } from './emitter';
import { SignalingEvent, type SignalingEvents } from './signalingEvents';
import type { SignalingStatus } from './signaling';
import type {
  ChatMessageInfo,
  FileAnnouncement,
  PointerMove,
  SendChatRequest,
  ShowImage,
  ShowDocument,
  PageCommand,
} from '../collaboration/types';
import type {
  CallConnection,
  CallInfo,
  Contact,
  IceServer,
  SignalMessage,
  StartCallRequest,
} from './types';

export class FakeSignaling extends TypedEmitter<SignalingEvents> {
  status: SignalingStatus = 'disconnected';
  contacts: Contact[] = [];
  invoked: { method: string; args: unknown[] }[] = [];
  nextCall: CallInfo | Error | null = null;
  chat: ChatMessageInfo[] = [];

  get connected(): boolean {
    return this.status === 'connected';
  }

  async start(): Promise<void> {
    this.status = 'connected';
    this.emit(SignalingEvent.Connected, { reconnected: false });
  }

  async stop(): Promise<void> {
    this.status = 'disconnected';
  }

  private record(method: string, ...args: unknown[]) {
    this.invoked.push({ method, args });
  }

  async getContacts(): Promise<Contact[]> {
    this.record('GetContacts');
    return this.contacts;
  }
  async startCall(request: StartCallRequest): Promise<CallInfo> {
    this.record('StartCall', request);
    if (this.nextCall instanceof Error) throw this.nextCall;
    if (!this.nextCall) throw new Error('No call prepared');
    return this.nextCall;
  }
  async acceptCall(callId: string): Promise<CallConnection> {
    this.record('AcceptCall', callId);
    throw new Error('not supported by the fake');
  }
  async declineCall(callId: string): Promise<void> {
    this.record('DeclineCall', callId);
  }
  async cancelCall(callId: string): Promise<void> {
    this.record('CancelCall', callId);
  }
  async hangUp(callId: string): Promise<void> {
    this.record('HangUp', callId);
  }
  async sendSignal(message: SignalMessage): Promise<void> {
    this.record('SendSignal', message);
  }
  async resumeCall(): Promise<CallConnection | null> {
    this.record('ResumeCall');
    return null;
  }
  async getIceServers(callId: string): Promise<IceServer[]> {
    this.record('GetIceServers', callId);
    return [];
  }
  async movePointer(move: PointerMove): Promise<void> {
    this.record('MovePointer', move);
  }
  async sendChat(request: SendChatRequest): Promise<ChatMessageInfo> {
    this.record('SendChat', request);
    const message: ChatMessageInfo = {
      id: `m${this.chat.length + 1}`,
      callId: request.callId,
      senderId: 'self',
      senderName: 'Me',
      text: (request.text ?? '').trim(),
      sentAt: new Date(0).toISOString(),
    };
    this.chat.push(message);
    return message;
  }
  async getChat(callId: string): Promise<ChatMessageInfo[]> {
    this.record('GetChat', callId);
    return this.chat.filter((m) => m.callId === callId);
  }
  async requestSnapshot(callId: string): Promise<void> {
    this.record('RequestSnapshot', callId);
  }
  async announceFile(announcement: FileAnnouncement): Promise<void> {
    this.record('AnnounceFile', announcement);
  }
  async showOnGlasses(show: ShowImage): Promise<void> {
    this.record('ShowOnGlasses', show);
  }
  async dismissShown(callId: string): Promise<void> {
    this.record('DismissShown', callId);
  }
  async showDocument(show: ShowDocument): Promise<void> {
    this.record('ShowDocument', show);
  }
  async turnPage(command: PageCommand): Promise<void> {
    this.record('TurnPage', command);
  }
  async reportPage(command: PageCommand): Promise<void> {
    this.record('ReportPage', command);
  }
}
