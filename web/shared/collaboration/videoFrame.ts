// Where a <video>'s picture actually is inside its element box. The pointer travels in the
// frame's own coordinates (0..1 of the picture), so letterboxing and cropping on either side
// — different screens, different aspect ratios — cancel out.

export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** The rectangle the frame is drawn in (object-fit contain: inside the box with bars; cover: it overflows the box). Centred (object-position 50% 50%). */
export function frameRect(
  box: Box,
  videoWidth: number,
  videoHeight: number,
  fit: string,
): Box | null {
  if (!(videoWidth > 0 && videoHeight > 0 && box.width > 0 && box.height > 0)) return null;
  if (fit === 'fill') return { ...box };
  const sx = box.width / videoWidth;
  const sy = box.height / videoHeight;
  let scale = fit === 'cover' ? Math.max(sx, sy) : Math.min(sx, sy);
  if (fit === 'none') scale = 1;
  if (fit === 'scale-down') scale = Math.min(1, sx, sy);
  const width = videoWidth * scale;
  const height = videoHeight * scale;
  return {
    left: box.left + (box.width - width) / 2,
    top: box.top + (box.height - height) / 2,
    width,
    height,
  };
}

/** The frame of a <video> element in client (viewport) coordinates, or null before its first frame. */
export function videoFrame(video: HTMLVideoElement): Box | null {
  const r = video.getBoundingClientRect();
  const box = { left: r.left, top: r.top, width: r.width, height: r.height };
  return frameRect(box, video.videoWidth, video.videoHeight, getComputedStyle(video).objectFit);
}

/** A client point as 0..1 of the frame; null when it falls on a bar outside the picture. */
export function toFramePoint(
  frame: Box,
  clientX: number,
  clientY: number,
): { x: number; y: number } | null {
  const x = (clientX - frame.left) / frame.width;
  const y = (clientY - frame.top) / frame.height;
  return x >= 0 && x <= 1 && y >= 0 && y <= 1 ? { x, y } : null;
}

/** A 0..1 frame point back to client coordinates. */
export function fromFramePoint(frame: Box, x: number, y: number): { left: number; top: number } {
  return { left: frame.left + x * frame.width, top: frame.top + y * frame.height };
}
