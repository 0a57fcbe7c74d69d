import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { DeviceIdentityResponse } from '../../shared/contracts';
import { otherParty, statusText } from '../../shared/calls/callState';
import { CallController, exposeTestHook, urlFlags } from '../../shared/calls/controller';
import { LocalMedia } from '../../shared/calls/localMedia';
import { SignalingEvent } from '../../shared/calls/signaling';
import type { Contact } from '../../shared/calls/types';
import { useCallView, useRingtone } from '../../shared/calls/useCall';
import { InCall } from './InCall';

/** The glasses once paired: waiting for calls, calling an expert, ringing, in a call. */
export function Station({
  identity,
  controller: given,
}: {
  identity: DeviceIdentityResponse;
  controller?: CallController;
}) {
  const controller = useMemo(
    () =>
      given ??
      new CallController({
        selfUserId: identity.technicianId,
        media: new LocalMedia({ cameraAtStart: true, facingMode: 'environment' }),
        ...urlFlags(),
      }),
    [given, identity.technicianId],
  );
  useEffect(() => {
    controller.start();
    const removeHook = exposeTestHook(controller);
    return () => {
      removeHook();
      void controller.dispose();
    };
  }, [controller]);

  const view = useCallView(controller);
  const other = view.call ? otherParty(view.call, identity.technicianId) : null;
  switch (view.phase) {
    case 'idle':
      return <Waiting identity={identity} controller={controller} />;
    case 'dialing':
    case 'outgoing':
      return (
        <main class="screen calling">
          <h1>{other ? `Calling ${other.displayName}…` : 'Calling expert…'}</h1>
          <p class="status-line" data-testid="call-status" role="status">
            {statusText(view)}
          </p>
          <div class="actions">
            <AutoFocusButton
              onClick={() => void controller.cancel()}
              disabled={view.phase === 'dialing'}
            >
              Cancel
            </AutoFocusButton>
          </div>
        </main>
      );
    case 'incoming':
    case 'answering':
      return <Incoming controller={controller} name={other?.displayName ?? ''} />;
    case 'active':
      return <InCall controller={controller} name={other?.displayName ?? ''} />;
  }
}

function AutoFocusButton({
  onClick,
  disabled,
  children,
  class: className,
}: {
  onClick: () => void;
  disabled?: boolean;
  children: string;
  class?: string;
}) {
  const ref = useRef<HTMLButtonElement>(null);
  useEffect(() => ref.current?.focus(), [disabled]);
  return (
    <button type="button" ref={ref} class={className} onClick={onClick} disabled={disabled}>
      {children}
    </button>
  );
}

function Incoming({ controller, name }: { controller: CallController; name: string }) {
  const view = useCallView(controller);
  useRingtone(view.phase === 'incoming');
  const answering = view.phase === 'answering';
  return (
    <main class="screen incoming" data-testid="incoming-call">
      <p class="hint">Incoming call</p>
      <h1 class="caller" data-testid="caller-name">
        {name}
      </h1>
      <p class="status-line" data-testid="call-status" role="status">
        {statusText(view)}
      </p>
      <div class="actions">
        {/* Focused, so Enter answers; the labels are also the voice commands. */}
        <AutoFocusButton class="ok" onClick={() => void controller.answer()} disabled={answering}>
          Answer
        </AutoFocusButton>
        <button
          type="button"
          class="danger"
          onClick={() => void controller.decline()}
          disabled={answering}
        >
          Decline
        </button>
      </div>
    </main>
  );
}

/** Online experts from the hub, kept current by PresenceChanged. */
function useOnlineExperts(controller: CallController): Contact[] {
  const [contacts, setContacts] = useState<Contact[]>([]);
  useEffect(() => {
    let live = true;
    const load = () =>
      controller.getContacts().then(
        (list) => live && setContacts(list),
        () => undefined,
      );
    if (controller.signaling.connected) void load();
    const offConnected = controller.signaling.on(SignalingEvent.Connected, () => void load());
    const offPresence = controller.on('presence', (contact) =>
      setContacts((list) => [...list.filter((c) => c.userId !== contact.userId), contact]),
    );
    return () => {
      live = false;
      offConnected();
      offPresence();
    };
  }, [controller]);
  return contacts
    .filter((c) => c.status === 'Online' && c.role !== 'Technician')
    .sort((a, b) => a.displayName.localeCompare(b.displayName));
}

/** Experts shown by name; more would not fit 854x480 and "Call expert" picks one anyway. */
const maxListed = 3;

function Waiting({
  identity,
  controller,
}: {
  identity: DeviceIdentityResponse;
  controller: CallController;
}) {
  const view = useCallView(controller);
  const experts = useOnlineExperts(controller);
  const offline = view.signalingDown;
  const outcome = view.error ?? view.ended?.text ?? null;
  return (
    <main class="screen waiting">
      <h1>{identity.technicianName}</h1>
      <p class="hint">
        {identity.deviceName} · {identity.organizationName}
      </p>
      <p class="status-line" role="status">
        {offline ? 'Connecting to the server…' : 'Waiting for calls'}
      </p>
      {outcome ? (
        <p class={view.error ? 'alert' : 'outcome'} data-testid="call-status">
          {outcome}
        </p>
      ) : null}
      <div class="actions expert-actions">
        <AutoFocusButton
          onClick={() => void controller.call({ calleeUserId: null, anyExpert: true })}
        >
          Call expert
        </AutoFocusButton>
        {experts.slice(0, maxListed).map((expert) => (
          <button
            key={expert.userId}
            type="button"
            onClick={() => void controller.call({ calleeUserId: expert.userId, anyExpert: false })}
          >
            {`Call ${expert.displayName}`}
          </button>
        ))}
      </div>
    </main>
  );
}
