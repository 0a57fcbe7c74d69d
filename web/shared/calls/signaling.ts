// The SignalR connection to /hubs/session with typed methods and events.
import {
  HttpTransportType,
  HubConnection,
  HubConnectionBuilder,
  HubConnectionState,
  LogLevel,
} from '@microsoft/signalr';
import { TypedEmitter } from './emitter';
import { SignalingEvent, type SignalingEvents } from './signalingEvents';
import { toCallError } from './errors';
import type { ReconnectPolicy } from './reconnectPolicy';
import type {
  FileAnnouncement,
  PointerMove,
  SendChatRequest,
  ShowImage,
  ShowDocument,
  PageCommand,
} from '../collaboration/types';
import type {
  CallConnection,
  IceServer,
  InviteRequest,
  MediaAnswer,
  MediaCandidate,
  PublishRequest,
  SessionClientMessages,
  SessionHubMethods,
  SignalMessage,
  StartCallRequest,
} from './types';

const forwarded: Record<keyof SessionClientMessages, keyof SignalingEvents> = {
  PresenceChanged: SignalingEvent.PresenceChanged,
  IncomingCall: SignalingEvent.IncomingCall,
  CallAccepted: SignalingEvent.CallAccepted,
  CallEnded: SignalingEvent.CallEnded,
  Signal: SignalingEvent.Signal,
  PeerReconnecting: SignalingEvent.PeerReconnecting,
  PeerResumed: SignalingEvent.PeerResumed,
  PointerMoved: SignalingEvent.PointerMoved,
  ChatReceived: SignalingEvent.ChatReceived,
  SnapshotRequested: SignalingEvent.SnapshotRequested,
  FileShared: SignalingEvent.FileShared,
  ShowImage: SignalingEvent.ShowImage,
  ShownDismissed: SignalingEvent.ShownDismissed,
  DocumentShown: SignalingEvent.DocumentShown,
  PageTurned: SignalingEvent.PageTurned,
  CallUpdated: SignalingEvent.CallUpdated,
  InvitationEnded: SignalingEvent.InvitationEnded,
  MediaOffered: SignalingEvent.MediaOffered,
  MediaEnded: SignalingEvent.MediaEnded,
  MediaReset: SignalingEvent.MediaReset,
};

export { SignalingEvent, type SignalingEvents };

export type SignalingStatus = 'connecting' | 'connected' | 'reconnecting' | 'disconnected';

export interface SignalingOptions {
  url?: string;
  policy: ReconnectPolicy;
}

export class SessionSignaling extends TypedEmitter<SignalingEvents> {
  private readonly connection: HubConnection;
  private readonly policy: ReconnectPolicy;
  private startPromise: Promise<void> | null = null;
  private stopped = false;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  status: SignalingStatus = 'disconnected';

  constructor(options: SignalingOptions) {
    super();
    this.policy = options.policy;
    this.connection = new HubConnectionBuilder()
      // Absolute: the client resolves relative URLs only where it detects a browser.
      .withUrl(new URL(options.url ?? '/hubs/session', location.href).href, {
        // Same origin, cookie authentication: WebSockets first, long polling as a fallback
        // for proxies that block upgrades. (Server-sent events add nothing here.)
        transport: HttpTransportType.WebSockets | HttpTransportType.LongPolling,
      })
      .withAutomaticReconnect(this.policy)
      .configureLogging(LogLevel.Warning)
      .build();
    // Calls ring for ~30 s; a 3G link can stall longer than the 30 s default timeout.
    this.connection.serverTimeoutInMilliseconds = 60_000;
    this.connection.keepAliveIntervalInMilliseconds = 15_000;

    for (const [message, event] of Object.entries(forwarded)) {
      this.connection.on(message, (payload: never) => this.emit(event, payload));
    }
    this.connection.onreconnecting((error) => {
      this.status = 'reconnecting';
      this.emit(SignalingEvent.Reconnecting, { error });
    });
    this.connection.onreconnected(() => {
      this.status = 'connected';
      this.emit(SignalingEvent.Connected, { reconnected: true });
    });
    this.connection.onclose((error) => {
      this.status = 'disconnected';
      this.emit(SignalingEvent.Disconnected, { error });
    });
  }

  /** Connects, retrying the first connection with the same policy as reconnections. */
  start(): Promise<void> {
    this.stopped = false;
    this.startPromise ??= this.connectWithRetry().finally(() => (this.startPromise = null));
    return this.startPromise;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    await this.connection.stop();
  }

  get connected(): boolean {
    return this.connection.state === HubConnectionState.Connected;
  }

  private async connectWithRetry(): Promise<void> {
    const began = Date.now();
    for (let attempt = 0; !this.stopped; attempt++) {
      if (this.connection.state !== HubConnectionState.Disconnected) return;
      this.status = 'connecting';
      try {
        await this.connection.start();
        this.status = 'connected';
        this.emit(SignalingEvent.Connected, { reconnected: false });
        return;
      } catch (error) {
        const delay = this.policy.nextRetryDelayInMilliseconds({
          previousRetryCount: attempt + 1,
          elapsedMilliseconds: Date.now() - began,
          retryReason: error instanceof Error ? error : undefined,
        });
        if (delay === null || this.stopped) {
          this.status = 'disconnected';
          this.emit(SignalingEvent.Disconnected, {
            error: error instanceof Error ? error : undefined,
          });
          return;
        }
        await new Promise<void>((resolve) => (this.retryTimer = setTimeout(resolve, delay)));
      }
    }
  }

  private async invoke<K extends keyof SessionHubMethods>(
    method: K,
    ...args: SessionHubMethods[K][0]
  ): Promise<SessionHubMethods[K][1]> {
    try {
      return (await this.connection.invoke(method, ...args)) as SessionHubMethods[K][1];
    } catch (error) {
      throw toCallError(error);
    }
  }

  getContacts() {
    return this.invoke('GetContacts');
  }
  startCall(request: StartCallRequest) {
    return this.invoke('StartCall', request);
  }
  acceptCall(callId: string) {
    return this.invoke('AcceptCall', callId);
  }
  declineCall(callId: string) {
    return this.invoke('DeclineCall', callId);
  }
  cancelCall(callId: string) {
    return this.invoke('CancelCall', callId);
  }
  hangUp(callId: string) {
    return this.invoke('HangUp', callId);
  }
  sendSignal(message: SignalMessage) {
    return this.invoke('SendSignal', message);
  }
  async resumeCall(): Promise<CallConnection | null> {
    // An empty completion arrives as undefined.
    return (await this.invoke('ResumeCall')) ?? null;
  }
  getIceServers(callId: string): Promise<IceServer[]> {
    return this.invoke('GetIceServers', callId);
  }
  movePointer(move: PointerMove) {
    return this.invoke('MovePointer', move);
  }
  sendChat(request: SendChatRequest) {
    return this.invoke('SendChat', request);
  }
  getChat(callId: string) {
    return this.invoke('GetChat', callId);
  }
  requestSnapshot(callId: string) {
    return this.invoke('RequestSnapshot', callId);
  }
  announceFile(announcement: FileAnnouncement) {
    return this.invoke('AnnounceFile', announcement);
  }
  showOnGlasses(show: ShowImage) {
    return this.invoke('ShowOnGlasses', show);
  }
  dismissShown(callId: string) {
    return this.invoke('DismissShown', callId);
  }
  showDocument(show: ShowDocument) {
    return this.invoke('ShowDocument', show);
  }
  turnPage(command: PageCommand) {
    return this.invoke('TurnPage', command);
  }
  reportPage(command: PageCommand) {
    return this.invoke('ReportPage', command);
  }
  inviteToCall(request: InviteRequest): Promise<void> {
    return this.invoke('InviteToCall', request);
  }
  publishMedia(request: PublishRequest): Promise<MediaAnswer> {
    return this.invoke('PublishMedia', request);
  }
  answerMedia(answer: MediaAnswer): Promise<void> {
    return this.invoke('AnswerMedia', answer);
  }
  sendMediaCandidate(candidate: MediaCandidate): Promise<void> {
    return this.invoke('SendMediaCandidate', candidate);
  }
  startRecording(callId: string): Promise<void> {
    return this.invoke('StartRecording', callId);
  }
  stopRecording(callId: string): Promise<void> {
    return this.invoke('StopRecording', callId);
  }
}
