// Images of a call: uploaded over HTTPS to the server (which stores them encrypted) and read
// back as blob: URLs. Nothing is kept on the device: callers revoke the URL when done.
import { api, ApiError } from '../api';
import type { SessionFileInfo, SessionFileKind } from './types';

export function uploadCallFile(
  callId: string,
  kind: SessionFileKind,
  image: Blob,
  sourceFileId?: string,
): Promise<SessionFileInfo> {
  const query = new URLSearchParams({ kind });
  if (sourceFileId) query.set('sourceFileId', sourceFileId);
  const form = new FormData();
  form.append('file', image, `${kind.toLowerCase()}.${extensionOf(image.type)}`);
  return api.upload<SessionFileInfo>(
    `/api/calls/${encodeURIComponent(callId)}/files?${query.toString()}`,
    form,
  );
}

export function extensionOf(type: string): string {
  if (type === 'image/png') return 'png';
  if (type === 'image/webp') return 'webp';
  return 'jpg';
}

/** An image of the call as a blob: URL; `revoke()` frees it (call it when it is no longer shown). */
export interface LoadedImage {
  url: string;
  revoke: () => void;
}

export async function loadFileImage(fileId: string, signal?: AbortSignal): Promise<LoadedImage> {
  const response = await fetch(`/api/files/${encodeURIComponent(fileId)}/content`, {
    credentials: 'same-origin',
    cache: 'no-store',
    signal,
  });
  if (!response.ok)
    throw new ApiError(response.status, { title: 'The image could not be loaded.' });
  const url = URL.createObjectURL(await response.blob());
  return { url, revoke: () => URL.revokeObjectURL(url) };
}
