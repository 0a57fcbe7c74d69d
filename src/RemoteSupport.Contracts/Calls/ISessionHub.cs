using RemoteSupport.Contracts.Collaboration;

namespace RemoteSupport.Contracts.Calls;

/// <summary>Methods clients call on the hub at /hubs/session. Errors come back as HubException with a readable message.</summary>
public interface ISessionHub
{
    /// <summary>The organisation's people with presence (experts see technicians and experts; devices see experts).</summary>
    Task<Contact[]> GetContacts();

    /// <summary>Rings the callee on every connection. Fails with a message when they are offline or busy.</summary>
    Task<CallInfo> StartCall(StartCallRequest request);

    /// <summary>Answers on this connection; other connections of the callee stop ringing.</summary>
    Task<CallConnection> AcceptCall(Guid callId);

    Task DeclineCall(Guid callId);

    Task CancelCall(Guid callId);

    Task HangUp(Guid callId);

    /// <summary>Relays an offer, answer or ICE candidate to the other participant.</summary>
    Task SendSignal(SignalMessage message);

    /// <summary>The caller's or callee's current call, if any: used after a reload or reconnection to pick the call up again on this connection.</summary>
    Task<CallConnection?> ResumeCall();

    /// <summary>Fresh ICE servers (TURN credentials) for an ICE restart.</summary>
    Task<IceServer[]> GetIceServers(Guid callId);

    /// <summary>Experts only, in an active call: rings another user of the organisation into the call. A peer-to-peer call moves to
    /// the media server (ROUTED) when they answer; without a media server the invitation is refused.</summary>
    Task InviteToCall(InviteRequest request);

    /// <summary>ROUTED calls: publishes this participant's camera and microphone (or renegotiates them); returns the media
    /// server's answer. Offers of the other participants' streams follow as MediaOffered.</summary>
    Task<MediaAnswer> PublishMedia(PublishRequest request);

    /// <summary>ROUTED calls: the answer to a MediaOffered.</summary>
    Task AnswerMedia(MediaAnswer answer);

    /// <summary>ROUTED calls: an ICE candidate of one of this participant's streams.</summary>
    Task SendMediaCandidate(MediaCandidate candidate);

    /// <summary>Experts only: starts recording the call on the server (moving a peer-to-peer call to the media server first).
    /// Everyone in the call sees the recording indicator and a chat line.</summary>
    Task StartRecording(Guid callId);

    /// <summary>Experts only: stops the recording; the server turns it into a video on the session page.</summary>
    Task StopRecording(Guid callId);

    /// <summary>Experts only, in an active call: moves their pointer on the technician's picture. At most about 30 moves a second
    /// reach the technician; extra moves are merged (the latest position wins) without an error.</summary>
    Task MovePointer(PointerMove move);

    /// <summary>Sends a chat message to everyone in the active call; it is kept with the session.</summary>
    Task<ChatMessageInfo> SendChat(SendChatRequest request);

    /// <summary>The chat of a call this user took part in, oldest first (used after a reload).</summary>
    Task<ChatMessageInfo[]> GetChat(Guid callId);

    /// <summary>Experts only, in an active call: asks the technician's device for a still of its camera. It uploads the
    /// picture and announces it (FileShared).</summary>
    Task RequestSnapshot(Guid callId);

    /// <summary>After uploading an image to the call: tells the other participants (FileShared). The file must be one of this
    /// call's, of the kind announced.</summary>
    Task AnnounceFile(FileAnnouncement announcement);

    /// <summary>Experts only, in an active call: shows an image of the call full screen on the technician's display.</summary>
    Task ShowOnGlasses(ShowImage show);

    /// <summary>The shown image was closed (the technician dismissed it, or an expert takes it down): tells every participant.</summary>
    Task DismissShown(Guid callId);

    /// <summary>Experts only, in an active call: shows a document, image or video of the call full screen on the technician's
    /// display (DocumentShown). Closed with DismissShown.</summary>
    Task ShowDocument(ShowDocument show);

    /// <summary>Experts only, in an active call: turns the technician's shown PDF to a page (PageTurned to the technician).</summary>
    Task TurnPage(PageCommand command);

    /// <summary>The technician's device, in an active call: the page its shown PDF is at and how many pages it has (PageTurned
    /// to the experts).</summary>
    Task ReportPage(PageCommand command);
}

/// <summary>Messages the server sends to clients.</summary>
public interface ISessionClient
{
    Task PresenceChanged(Contact contact);

    /// <summary>Someone calls you: ring, show Answer/Decline.</summary>
    Task IncomingCall(CallInfo call);

    /// <summary>The callee answered (sent to the caller's connection).</summary>
    Task CallAccepted(CallConnection connection);

    /// <summary>The call ended, or stopped ringing on this connection (answered on another device: reason None with State Active).</summary>
    Task CallEnded(CallInfo call);

    /// <summary>Another participant's signalling message.</summary>
    Task Signal(SignalMessage message);

    /// <summary>The other participant's connection dropped and may come back; media may freeze meanwhile.</summary>
    Task PeerReconnecting(Guid callId);

    /// <summary>The other participant is back (after a reload or reconnection): the offerer restarts ICE.</summary>
    Task PeerResumed(Guid callId);

    /// <summary>Who is in the call, its mode (peer to peer or routed) or its recording state changed.</summary>
    Task CallUpdated(CallInfo call);

    /// <summary>Someone this expert invited declined or did not answer.</summary>
    Task InvitationEnded(InvitationOutcome outcome);

    /// <summary>ROUTED calls: another participant's stream is offered; answer with AnswerMedia.</summary>
    Task MediaOffered(MediaOffer offer);

    /// <summary>ROUTED calls: a received stream ended.</summary>
    Task MediaEnded(MediaStreamEnded ended);

    /// <summary>ROUTED calls: the media server restarted; publish again (the offers of the others follow).</summary>
    Task MediaReset(Guid callId);

    /// <summary>An expert's pointer moved (sent to the technician's connection in the call).</summary>
    Task PointerMoved(PointerPosition position);

    /// <summary>A chat message of the call (sent to the other participants' connections).</summary>
    Task ChatReceived(ChatMessageInfo message);

    /// <summary>An expert asks for a snapshot (sent to the technician's connection in the call).</summary>
    Task SnapshotRequested(Guid callId);

    /// <summary>A participant uploaded an image of the call (sent to the other participants' connections).</summary>
    Task FileShared(FileAnnouncement announcement);

    /// <summary>Show this image full screen until dismissed (sent to the technician's connection).</summary>
    Task ShowImage(ShowImage show);

    /// <summary>The image shown on the technician's display was closed (sent to every participant's connection).</summary>
    Task ShownDismissed(Guid callId);

    /// <summary>Show this document, image or video full screen until dismissed (sent to the technician's connection).</summary>
    Task DocumentShown(DocumentShown document);

    /// <summary>A page of the shown PDF: the expert's turn (to the technician) or the page the glasses show (to the experts).</summary>
    Task PageTurned(PageCommand command);
}
