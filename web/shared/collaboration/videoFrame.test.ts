import { describe, expect, it } from 'vitest';
import { frameRect, fromFramePoint, toFramePoint } from './videoFrame';

describe('frameRect', () => {
  const box = { left: 10, top: 20, width: 800, height: 300 };

  it('contain: a 4:3 frame in a wide box has bars left and right', () => {
    expect(frameRect(box, 640, 480, 'contain')).toEqual({
      left: 210,
      top: 20,
      width: 400,
      height: 300,
    });
  });

  it('contain: a 16:9 frame in a tall box has bars above and below', () => {
    const tall = { left: 0, top: 0, width: 320, height: 480 };
    expect(frameRect(tall, 1280, 720, 'contain')).toEqual({
      left: 0,
      top: 150,
      width: 320,
      height: 180,
    });
  });

  it('cover: the frame overflows the box, centred', () => {
    expect(frameRect(box, 640, 480, 'cover')).toEqual({
      left: 10,
      top: -130,
      width: 800,
      height: 600,
    });
  });

  it('fill: the frame is the box', () => {
    expect(frameRect(box, 640, 480, 'fill')).toEqual(box);
  });

  it('is null before the first frame', () => {
    expect(frameRect(box, 0, 0, 'contain')).toBeNull();
  });
});

describe('frame points', () => {
  const frame = { left: 210, top: 20, width: 400, height: 300 };

  it('round-trips a point', () => {
    const p = toFramePoint(frame, 310, 245)!;
    expect(p).toEqual({ x: 0.25, y: 0.75 });
    expect(fromFramePoint(frame, p.x, p.y)).toEqual({ left: 310, top: 245 });
  });

  it('ignores a point on the bars', () => {
    expect(toFramePoint(frame, 100, 100)).toBeNull();
    expect(toFramePoint(frame, 300, 330)).toBeNull();
  });
});
