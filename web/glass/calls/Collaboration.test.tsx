import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CallController } from '../../shared/calls/controller';
import { FakeSignaling } from '../../shared/calls/fakeSignaling';
import { LocalMedia } from '../../shared/calls/localMedia';
import type { SessionSignaling } from '../../shared/calls/signaling';
import type { ChatMessageInfo } from '../../shared/collaboration/types';
import { button, byLabel, click, press, type } from '../../shared/testing';
import { installArrowNavigation } from '../focus';
import { ChatOverlay } from './ChatOverlay';
import { InCall } from './InCall';
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

describe('glass chat reply', () => {
  const chatTexts = () =>
    [...root.querySelectorAll('[data-testid="chat-messages"] .chat-text')].map(
      (i) => i.textContent,
    );
  const composer = () => root.querySelector('[data-testid="chat-compose"]');

  async function inCall() {
    controller.view = {
      ...controller.view,
      phase: 'active',
      call: {
        callId: 'c1',
        state: 'Active',
        caller: { userId: 'e1', displayName: 'Erin Expert', role: 'Expert' },
        callee: { userId: 't1', displayName: 'Tom Technician', role: 'Technician' },
        startedAt: '2026-01-01T00:00:00Z',
        answeredAt: '2026-01-01T00:00:01Z',
        endReason: 'None',
        mode: 'PeerToPeer',
        participants: [],
        recording: false,
      },
    };
    await act(async () => render(<InCall controller={controller} name="Erin Expert" />, root));
  }

  it('opens a focused field from Message, sends with Enter, shows the message once', async () => {
    const uninstall = installArrowNavigation();
    try {
      await inCall();
      const open = button(root, 'Message');
      expect(open.getAttribute('aria-expanded')).toBe('false');
      click(open);
      const input = byLabel(root, 'Message');
      expect(document.activeElement).toBe(input);
      expect(input.maxLength).toBe(1000);
      expect(open.getAttribute('aria-expanded')).toBe('true');

      // Left/Right belong to the caret while typing; the bar does not take them.
      type(input, 'Valve closed <i>ok</i>');
      press(input, 'ArrowLeft');
      expect(document.activeElement).toBe(input);
      press(input, 'ArrowRight');
      expect(document.activeElement).toBe(input);
      // Down still leaves the field, for Send and Cancel.
      press(input, 'ArrowDown');
      expect(document.activeElement).toBe(button(root, 'Send'));
      press(button(root, 'Send'), 'ArrowUp');
      expect(document.activeElement).toBe(input);

      vi.useFakeTimers();
      press(input, 'Enter');
      await act(async () => {
        await vi.runAllTimersAsync();
      });
      expect(hub.invoked.filter((i) => i.method === 'SendChat').map((i) => i.args[0])).toEqual([
        { callId: 'c1', text: 'Valve closed <i>ok</i>' },
      ]);
      expect(composer()).toBeNull();
      expect(document.activeElement).toBe(open);
      expect(chatTexts()).toEqual(['Valve closed <i>ok</i>']);
      expect(root.querySelector('i')).toBeNull();

      // Should the server also relay it back, it is the same message: shown once.
      act(() => hub.emit('chatReceived', hub.chat[0]!));
      expect(chatTexts()).toEqual(['Valve closed <i>ok</i>']);
    } finally {
      uninstall();
    }
  });

  it('sends with the Send button, and closes with Escape or Cancel without sending', async () => {
    await inCall();
    vi.useFakeTimers();
    const open = button(root, 'Message');

    click(open);
    type(byLabel(root, 'Message'), 'not this');
    press(byLabel(root, 'Message'), 'Escape');
    await act(async () => {
      await vi.runAllTimersAsync();
    });
    expect(composer()).toBeNull();
    expect(document.activeElement).toBe(open);

    click(open);
    expect(byLabel(root, 'Message').value).toBe('');
    click(button(root, 'Cancel'));
    await act(async () => {
      await vi.runAllTimersAsync();
    });
    expect(composer()).toBeNull();
    expect(document.activeElement).toBe(open);
    expect(hub.invoked.map((i) => i.method)).not.toContain('SendChat');

    click(open);
    click(button(root, 'Send')); // nothing typed yet: nothing sent
    expect(composer()).not.toBeNull();
    type(byLabel(root, 'Message'), 'On my way');
    click(button(root, 'Send'));
    await act(async () => {
      await vi.runAllTimersAsync();
    });
    expect(hub.invoked.filter((i) => i.method === 'SendChat')).toHaveLength(1);
    expect(chatTexts()).toEqual(['On my way']);
    expect(document.activeElement).toBe(open);
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
