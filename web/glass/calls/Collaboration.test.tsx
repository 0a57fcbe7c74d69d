import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CallController } from '../../shared/calls/controller';
import { FakeSignaling } from '../../shared/calls/fakeSignaling';
import { LocalMedia } from '../../shared/calls/localMedia';
import type { SessionSignaling } from '../../shared/calls/signaling';
import type { ChatMessageInfo } from '../../shared/collaboration/types';
import { ChatOverlay } from './ChatOverlay';
import { PointerOverlay } from './PointerOverlay';

let root: HTMLElement;
let hub: FakeSignaling;
let controller: CallController;

function message(n: number, text: string): ChatMessageInfo {
  return {
    id: `m${n}`,
    callId: 'c1',
    senderId: 'e1',
    senderName: 'Erin Expert',
    text,
    sentAt: `2026-01-01T00:00:0${n}+00:00`,
  };
}

beforeEach(async () => {
  root = document.createElement('div');
  document.body.append(root);
  hub = new FakeSignaling();
  await hub.start();
  controller = new CallController({
    selfUserId: 't1',
    media: new LocalMedia({ cameraAtStart: true }),
    signaling: hub as unknown as SessionSignaling,
  });
});

afterEach(() => {
  render(null, root);
  root.remove();
  vi.useRealTimers();
});

describe('glass chat overlay', () => {
  it('shows the latest three messages as text, never as markup', async () => {
    hub.chat = [message(1, 'one'), message(2, 'two')];
    await act(async () => render(<ChatOverlay controller={controller} callId="c1" />, root));
    await vi.waitFor(() => expect(root.textContent).toContain('two'));
    act(() => hub.emit('chatReceived', message(3, 'three')));
    act(() => hub.emit('chatReceived', message(4, 'Check the valve <b>now</b>')));
    act(() => hub.emit('chatReceived', { ...message(5, 'other call'), callId: 'c2' }));
    const items = [...root.querySelectorAll('[data-testid="chat-messages"] .chat-text')];
    expect(items.map((i) => i.textContent)).toEqual(['two', 'three', 'Check the valve <b>now</b>']);
    expect(root.querySelector('b')).toBeNull();
  });
});

describe('glass pointer overlay', () => {
  it("draws a dot at the expert's point of the frame and removes it after the fade time", () => {
    vi.useFakeTimers();
    const video = document.createElement('video');
    Object.defineProperties(video, { videoWidth: { value: 640 }, videoHeight: { value: 480 } });
    video.getBoundingClientRect = () => new DOMRect(0, 0, 854, 480);
    video.style.objectFit = 'contain';
    act(() =>
      render(
        <PointerOverlay
          controller={controller}
          callId="c1"
          video={{ current: video }}
          fadeMs={3000}
        />,
        root,
      ),
    );
    const dot = () => root.querySelector<HTMLElement>('[data-testid="pointer-dot"]');

    act(() =>
      hub.emit('pointerMoved', {
        callId: 'c1',
        expertId: 'e1',
        color: '#ff1a1a',
        x: 0.25,
        y: 0.75,
      }),
    );
    // 640x480 in 854x480: 107 px bars left and right.
    expect(dot()?.style.left).toBe(`${107 + 0.25 * 640}px`);
    expect(dot()?.style.top).toBe(`${0.75 * 480}px`);

    act(() => {
      vi.advanceTimersByTime(2900);
    });
    expect(dot()).not.toBeNull();
    act(() => {
      vi.advanceTimersByTime(200);
    });
    expect(dot()).toBeNull();
  });
});
