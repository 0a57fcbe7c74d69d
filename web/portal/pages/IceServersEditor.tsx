import { useEffect, useRef } from 'preact/hooks';
import { ApiError } from '../../shared/api';
import type { IceServer } from '../../shared/calls/types';
import type { CustomIceServerResponse } from '../../shared/contracts';
import { FieldErrors } from '../forms';

/** Limits the server enforces (CustomIceServers.cs); the form only uses them to guide. */
export const maxIceServers = 10;

/** One server row as edited. The stored credential is never known, only whether there is one. */
export interface IceServerEntry {
  key: number;
  urls: string;
  username: string;
  /** What the admin typed; empty means "keep the stored credential" (sent as null). */
  credential: string;
  hasStoredCredential: boolean;
}

/** Server field errors for one entry, by the field the entry shows. */
export interface IceServerEntryErrors {
  entry: string[];
  urls: string[];
  username: string[];
  credential: string[];
}

let nextKey = 1;

export function newIceServerEntry(): IceServerEntry {
  return { key: nextKey++, urls: '', username: '', credential: '', hasStoredCredential: false };
}

export function iceServerEntries(
  stored: readonly CustomIceServerResponse[] | null,
): IceServerEntry[] {
  return (stored ?? []).map((server) => ({
    key: nextKey++,
    urls: server.urls.join('\n'),
    username: server.username ?? '',
    credential: '',
    hasStoredCredential: server.hasCredential,
  }));
}

/**
 * The list as the settings request sends it. An untouched credential goes as null, which keeps
 * the stored one while the entry's URLs and username are unchanged.
 */
export function iceServersRequest(entries: readonly IceServerEntry[]): IceServer[] {
  return entries.map((entry) => {
    const username = entry.username.trim();
    return {
      urls: entry.urls
        .split(/\r?\n/)
        .map((url) => url.trim())
        .filter(Boolean),
      username: username === '' ? null : username,
      credential: entry.credential === '' ? null : entry.credential,
    };
  });
}

/**
 * The entries as the server stored them after a successful save: URLs and username trimmed,
 * STUN-only entries without username or credential, every TURN entry with a stored credential.
 * Typed credentials are forgotten.
 */
export function savedIceServerEntries(entries: readonly IceServerEntry[]): IceServerEntry[] {
  const sent = iceServersRequest(entries);
  return entries.map((entry, i) => {
    const { urls, username } = sent[i]!;
    const turn = urls.some((url) => !/^stun:/i.test(url));
    return {
      key: entry.key,
      urls: urls.join('\n'),
      username: turn ? (username ?? '') : '',
      credential: '',
      hasStoredCredential: turn,
    };
  });
}

// "CustomIceServers[1].Urls", also as "request.customIceServers[1].urls" or a JSON path
// ("$.customIceServers[1].urls[0]") when the body could not be read.
const entryKey =
  /(?:^|[.$])customiceservers\[(\d+)\](?:\.(urls|username|credential))?(?:\[\d+\])?$/i;

/**
 * Maps the server's errors for list entries to the entries they were about. `sentKeys` are the
 * entry keys in the order the request sent them, so errors stay with their entry even if the
 * admin removes a row before reading them.
 */
export function iceServerErrors(
  error: unknown,
  sentKeys: readonly number[],
): Map<number, IceServerEntryErrors> {
  const result = new Map<number, IceServerEntryErrors>();
  if (!(error instanceof ApiError)) return result;
  for (const [field, messages] of Object.entries(error.fieldErrors)) {
    const match = entryKey.exec(field);
    if (!match) continue;
    const key = sentKeys[Number(match[1])];
    if (key === undefined) continue;
    const errors = result.get(key) ?? { entry: [], urls: [], username: [], credential: [] };
    const part = (match[2]?.toLowerCase() ?? 'entry') as keyof IceServerEntryErrors;
    errors[part].push(...messages);
    result.set(key, errors);
  }
  return result;
}

/** Field names the editor shows next to its inputs, for the form's alert (see describeError). */
export const iceServerFields = [
  'useCustomIceServers',
  'customIceServers',
  'urls',
  'username',
  'credential',
] as const;

const noErrors: IceServerEntryErrors = { entry: [], urls: [], username: [], credential: [] };

function describedBy(...ids: (string | false)[]): string | undefined {
  return ids.filter(Boolean).join(' ') || undefined;
}

interface EntryProps {
  entry: IceServerEntry;
  index: number;
  errors: IceServerEntryErrors;
  onChange: (entry: IceServerEntry) => void;
  onRemove: () => void;
}

function IceServerRow({ entry, index, errors, onChange, onRemove }: EntryProps) {
  const id = `ice-server-${entry.key}`;
  const name = `Server ${index + 1}`;
  // Each label reads "Server 1 URLs" etc. to assistive technology; the legend shows the number.
  const prefix = <span class="visually-hidden">{name} </span>;
  return (
    <fieldset class="ice-server" aria-describedby={errors.entry.length ? `${id}-error` : undefined}>
      <legend>{name}</legend>
      <FieldErrors id={id} errors={errors.entry} />
      <div class="field">
        <label for={`${id}-urls`}>{prefix}URLs</label>
        <span id={`${id}-urls-hint`} class="hint">
          One per line, starting with stun:, turn: or turns:, like turn:turn.example.com:3478
        </span>
        <textarea
          id={`${id}-urls`}
          name={`${id}-urls`}
          rows={3}
          spellcheck={false}
          autoComplete="off"
          value={entry.urls}
          onInput={(e) => onChange({ ...entry, urls: e.currentTarget.value })}
          aria-invalid={errors.urls.length > 0 ? 'true' : undefined}
          aria-describedby={describedBy(
            `${id}-urls-hint`,
            errors.urls.length > 0 && `${id}-urls-error`,
          )}
        />
        <FieldErrors id={`${id}-urls`} errors={errors.urls} />
      </div>
      <div class="field">
        <label for={`${id}-username`}>{prefix}Username</label>
        <input
          id={`${id}-username`}
          name={`${id}-username`}
          type="text"
          autoComplete="off"
          value={entry.username}
          onInput={(e) => onChange({ ...entry, username: e.currentTarget.value })}
          aria-invalid={errors.username.length > 0 ? 'true' : undefined}
          aria-describedby={errors.username.length > 0 ? `${id}-username-error` : undefined}
        />
        <FieldErrors id={`${id}-username`} errors={errors.username} />
      </div>
      <div class="field">
        <label for={`${id}-credential`}>{prefix}Credential</label>
        {entry.hasStoredCredential ? (
          <span id={`${id}-credential-hint`} class="hint">
            A credential is stored. Leave this empty to keep it (while the URLs and username stay
            the same), or type a new one.
          </span>
        ) : null}
        <input
          id={`${id}-credential`}
          name={`${id}-credential`}
          type="password"
          // A TURN secret, not the admin's own password: keep the browser from filling it in.
          autoComplete="new-password"
          placeholder={entry.hasStoredCredential ? '•••• (stored)' : undefined}
          value={entry.credential}
          onInput={(e) => onChange({ ...entry, credential: e.currentTarget.value })}
          aria-invalid={errors.credential.length > 0 ? 'true' : undefined}
          aria-describedby={describedBy(
            entry.hasStoredCredential && `${id}-credential-hint`,
            errors.credential.length > 0 && `${id}-credential-error`,
          )}
        />
        <FieldErrors id={`${id}-credential`} errors={errors.credential} />
      </div>
      <button type="button" class="secondary" onClick={onRemove}>
        Remove<span class="visually-hidden"> server {index + 1}</span>
      </button>
    </fieldset>
  );
}

export interface IceServersEditorProps {
  use: boolean;
  onUse: (use: boolean) => void;
  entries: readonly IceServerEntry[];
  onEntries: (entries: IceServerEntry[]) => void;
  /** Errors for "UseCustomIceServers". */
  useErrors: readonly string[];
  /** Errors for the list as a whole ("CustomIceServers"). */
  listErrors: readonly string[];
  entryErrors: ReadonlyMap<number, IceServerEntryErrors>;
}

/** The organisation's own TURN/STUN servers (PRODUCT.md feature 11), part of the settings form. */
export function IceServersEditor(props: IceServersEditorProps) {
  const { use, onUse, entries, onEntries, useErrors, listErrors, entryErrors } = props;
  const section = useRef<HTMLElement>(null);
  const added = useRef<number | null>(null);
  const replace = (key: number, entry: IceServerEntry) =>
    onEntries(entries.map((e) => (e.key === key ? entry : e)));
  const remove = (key: number) => onEntries(entries.filter((e) => e.key !== key));
  const add = () => {
    const entry = newIceServerEntry();
    added.current = entry.key;
    onEntries([...entries, entry]);
  };

  // Move focus into a row the admin just added, so keyboard users land on its URLs.
  useEffect(() => {
    if (added.current === null) return;
    const urls = section.current?.querySelector<HTMLElement>(`#ice-server-${added.current}-urls`);
    if (urls) {
      urls.focus();
      added.current = null;
    }
  }, [entries]);

  return (
    <section ref={section} class="ice-servers" aria-labelledby="ice-servers-heading">
      <h2 id="ice-servers-heading">TURN/STUN servers</h2>
      <p class="hint" id="ice-servers-hint">
        Calls use the service's relay servers unless you choose your own. With your own TURN/STUN
        servers, call media only passes through servers you run; sign-in and call set-up still go
        through this service.
      </p>
      <div class="field checkbox">
        <input
          id="use-custom-ice-servers"
          type="checkbox"
          checked={use}
          onChange={(e) => onUse(e.currentTarget.checked)}
          aria-describedby={describedBy(
            'ice-servers-hint',
            useErrors.length > 0 && 'use-custom-ice-servers-error',
          )}
        />
        <label for="use-custom-ice-servers">Use our own TURN/STUN servers</label>
      </div>
      <FieldErrors id="use-custom-ice-servers" errors={useErrors} />
      {entries.length === 0 ? <p class="hint">No servers added.</p> : null}
      {entries.map((entry, index) => (
        <IceServerRow
          key={entry.key}
          entry={entry}
          index={index}
          errors={entryErrors.get(entry.key) ?? noErrors}
          onChange={(changed) => replace(entry.key, changed)}
          onRemove={() => remove(entry.key)}
        />
      ))}
      <FieldErrors id="custom-ice-servers" errors={listErrors} />
      <p class="actions">
        <button
          type="button"
          class="secondary"
          disabled={entries.length >= maxIceServers}
          aria-describedby={entries.length >= maxIceServers ? 'ice-servers-max' : undefined}
          onClick={add}
        >
          Add server
        </button>
        {entries.length >= maxIceServers ? (
          <span id="ice-servers-max" class="hint">
            At most {maxIceServers} servers.
          </span>
        ) : null}
      </p>
    </section>
  );
}
