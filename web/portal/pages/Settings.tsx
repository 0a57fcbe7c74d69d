import type { CallMode } from '../../shared/calls/types';
import { useState } from 'preact/hooks';
import { api } from '../../shared/api';
import type {
  OrganizationResponse,
  UpdateOrganizationSettingsRequest,
} from '../../shared/contracts';
import { Field, FieldErrors, FormAlert, StatusMessage, alertText, useForm } from '../forms';
import { useLoad } from '../useLoad';
import {
  IceServersEditor,
  iceServerEntries,
  iceServerErrors,
  iceServerFields,
  iceServersRequest,
  savedIceServerEntries,
} from './IceServersEditor';

function SettingsForm({
  organization,
  onSaved,
}: {
  organization: OrganizationResponse;
  onSaved: () => void;
}) {
  const [name, setName] = useState(organization.name);
  const [minLength, setMinLength] = useState(String(organization.minPasswordLength));
  const [requireTwoFactor, setRequireTwoFactor] = useState(organization.requireTwoFactor);
  const [useCustomIceServers, setUseCustomIceServers] = useState(organization.useCustomIceServers);
  const [callMode, setCallMode] = useState<CallMode>(organization.callMode);
  const [iceServers, setIceServers] = useState(() =>
    iceServerEntries(organization.customIceServers),
  );
  // The last failed save and the entry keys it sent, to put list errors next to their entry.
  const [failed, setFailed] = useState<{ error: unknown; sentKeys: number[] } | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const form = useForm([
    'name',
    'minPasswordLength',
    'requireTwoFactor',
    'callMode',
    ...iceServerFields,
  ]);

  const onSubmit = (event: Event) => {
    if (!form.busy) setFailed(null);
    return form.submit(
      event,
      async () => {
        setSaved(null);
        const body: UpdateOrganizationSettingsRequest = {
          name,
          minPasswordLength: Number(minLength),
          requireTwoFactor,
          callMode,
          useCustomIceServers,
          customIceServers: iceServersRequest(iceServers),
        };
        try {
          await api.put('/api/organization/settings', body);
        } catch (error) {
          setFailed({ error, sentKeys: iceServers.map((entry) => entry.key) });
          throw error;
        }
        setIceServers(savedIceServerEntries(iceServers));
        setSaved('Settings saved.');
        onSaved();
      },
      () =>
        /^\d+$/.test(minLength.trim())
          ? {}
          : { minPasswordLength: 'Enter a whole number of characters.' },
    );
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <FormAlert message={form.alert} />
      <StatusMessage message={saved} />
      <Field
        id="org-name"
        label="Organisation name"
        value={name}
        onValue={setName}
        errors={form.errorsFor('name')}
      />
      <Field
        id="min-password-length"
        label="Minimum password length"
        type="number"
        value={minLength}
        onValue={setMinLength}
        errors={form.errorsFor('minPasswordLength')}
      />
      <div class="field checkbox">
        <input
          id="require-two-factor"
          type="checkbox"
          checked={requireTwoFactor}
          onChange={(e) => setRequireTwoFactor(e.currentTarget.checked)}
        />
        <label for="require-two-factor">Require two-factor sign-in</label>
      </div>
      <FieldErrors id="require-two-factor" errors={form.errorsFor('requireTwoFactor')} />
      <div class="field">
        <label for="call-mode">Calls</label>
        <select
          id="call-mode"
          value={callMode}
          onChange={(e) => setCallMode(e.currentTarget.value as CallMode)}
          aria-describedby="call-mode-hint"
        >
          <option value="PeerToPeer">Peer to peer (direct between the two people)</option>
          <option value="Routed">Routed through the media server (needed for recording)</option>
        </select>
        <p id="call-mode-hint" class="hint">
          A peer-to-peer call moves to the media server by itself when a third person joins or an
          expert records it.
        </p>
      </div>
      <FieldErrors id="call-mode" errors={form.errorsFor('callMode')} />
      <IceServersEditor
        use={useCustomIceServers}
        onUse={setUseCustomIceServers}
        entries={iceServers}
        onEntries={setIceServers}
        useErrors={form.errorsFor('useCustomIceServers')}
        listErrors={form.errorsFor('customIceServers')}
        entryErrors={iceServerErrors(failed?.error, failed?.sentKeys ?? [])}
      />
      <button type="submit" disabled={form.busy}>
        Save settings
      </button>
    </form>
  );
}

export function Settings({ onSaved }: { onSaved: () => void }) {
  const organization = useLoad(() => api.get<OrganizationResponse>('/api/organization'));
  return (
    <main class="narrow">
      <h1>Organisation settings</h1>
      <FormAlert message={alertText(organization.error, [])} />
      {organization.data ? (
        <SettingsForm organization={organization.data} onSaved={onSaved} />
      ) : null}
    </main>
  );
}
