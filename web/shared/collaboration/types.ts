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

/** Mirror of SessionFileKind (src/RemoteSupport.Contracts/SessionFiles). */
export const sessionFileKinds = ['Snapshot', 'AnnotatedImage', 'Photo', 'Document'] as const;
export type SessionFileKind = (typeof sessionFileKinds)[number];

/** AnnounceFile / FileShared: a participant uploaded an image of the call. */
export interface FileAnnouncement {
  callId: string;
  fileId: string;
  kind: SessionFileKind;
}

/** ShowOnGlasses / ShowImage: an image of the call to show full screen on the technician's display. */
export interface ShowImage {
  callId: string;
  fileId: string;
}

/** ShowDocument: a PDF, image or video of the call for the technician's display. */
export interface ShowDocument {
  callId: string;
  fileId: string;
}

/** DocumentShown: what the technician's display opens (content at /api/files/{fileId}/content). */
export interface DocumentShown {
  callId: string;
  fileId: string;
  contentType: string;
  displayName: string;
}

/**
 * TurnPage / ReportPage / PageTurned: a page (from 1) of the PDF shown on the glasses. The
 * expert's turn has pageCount null; the glasses report their page with the page count.
 */
export interface PageCommand {
  callId: string;
  page: number;
  pageCount: number | null;
}

/** A stored image, document or video (SessionFileInfo); its content only through contentUrl. */
export interface SessionFileInfo {
  id: string;
  callId: string | null;
  kind: SessionFileKind;
  contentType: string;
  displayName: string;
  length: number;
  sha256: string;
  width: number | null;
  height: number | null;
  sourceFileId: string | null;
  createdById: string;
  createdByName: string;
  createdAt: string;
  contentUrl: string;
  thumbnailUrl: string | null;
}

/** GET /api/files/limits. */
export interface SessionFileLimits {
  maxBytes: number;
  maxImagePixels: number;
  acceptedContentTypes: string[];
  accepted: string;
}
