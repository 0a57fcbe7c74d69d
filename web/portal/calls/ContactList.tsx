import { useEffect, useState } from 'preact/hooks';
import type { CallController } from '../../shared/calls/controller';
import { SignalingEvent } from '../../shared/calls/signaling';
import type { Contact, PresenceStatus } from '../../shared/calls/types';
import { useCallView } from '../../shared/calls/useCall';
import { FormAlert } from '../forms';
import { roleLabel } from '../format';

const statusOrder: Record<PresenceStatus, number> = { Online: 0, Busy: 1, Offline: 2 };

export function sortContacts(contacts: readonly Contact[]): Contact[] {
  return [...contacts].sort(
    (a, b) =>
      statusOrder[a.status] - statusOrder[b.status] || a.displayName.localeCompare(b.displayName),
  );
}

export function filterContacts(contacts: readonly Contact[], query: string): Contact[] {
  const q = query.trim().toLowerCase();
  if (!q) return [...contacts];
  return contacts.filter(
    (c) => c.displayName.toLowerCase().includes(q) || roleLabel(c.role).toLowerCase().includes(q),
  );
}

/** Contacts from the hub, kept current by PresenceChanged. */
function useContacts(controller: CallController) {
  const [contacts, setContacts] = useState<Contact[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    const load = () =>
      controller.getContacts().then(
        (list) => live && (setContacts(list), setError(null)),
        (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
      );
    if (controller.signaling.connected) void load();
    const offConnected = controller.signaling.on(SignalingEvent.Connected, () => void load());
    const offPresence = controller.on('presence', (contact) =>
      setContacts((list) => {
        if (!list) return list;
        const known = list.some((c) => c.userId === contact.userId);
        return known
          ? list.map((c) => (c.userId === contact.userId ? contact : c))
          : [...list, contact];
      }),
    );
    return () => {
      live = false;
      offConnected();
      offPresence();
    };
  }, [controller]);
  return { contacts, error };
}

export function ContactList({ controller }: { controller: CallController }) {
  const { contacts, error } = useContacts(controller);
  const view = useCallView(controller);
  const [query, setQuery] = useState('');
  const idle = view.phase === 'idle';
  const shown = sortContacts(filterContacts(contacts ?? [], query));

  return (
    <section class="panel contacts" aria-labelledby="contacts-title">
      <h2 id="contacts-title">Contacts</h2>
      <div class="field">
        <label for="contact-search">Search</label>
        <input
          id="contact-search"
          type="search"
          value={query}
          placeholder="Name or role"
          onInput={(e) => setQuery(e.currentTarget.value)}
        />
      </div>
      <FormAlert message={error} />
      {contacts === null ? (
        <p class="hint">{error ? '' : 'Loading contacts…'}</p>
      ) : shown.length === 0 ? (
        <p class="hint">{query ? 'No one matches.' : 'No contacts yet.'}</p>
      ) : (
        <ul class="contact-list">
          {shown.map((contact) => (
            <li key={contact.userId} data-testid="contact" data-user-id={contact.userId}>
              <span class={`dot ${contact.status.toLowerCase()}`} aria-hidden="true" />
              <span class="contact-name">{contact.displayName}</span>
              <span class="hint">{roleLabel(contact.role)}</span>
              <span class="contact-status" data-testid="contact-status">
                {contact.status}
              </span>
              <button
                type="button"
                aria-label={`Call ${contact.displayName}`}
                disabled={!idle || contact.status !== 'Online'}
                onClick={() =>
                  void controller.call({ calleeUserId: contact.userId, anyExpert: false })
                }
              >
                Call
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
