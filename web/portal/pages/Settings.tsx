import { useState } from 'preact/hooks';
import { api } from '../../shared/api';
import type {
  OrganizationResponse,
  UpdateOrganizationSettingsRequest,
} from '../../shared/contracts';
import { Field, FieldErrors, FormAlert, StatusMessage, alertText, useForm } from '../forms';
import { useLoad } from '../useLoad';

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
  const [saved, setSaved] = useState<string | null>(null);
  const form = useForm(['name', 'minPasswordLength', 'requireTwoFactor']);

  const onSubmit = (event: Event) =>
    form.submit(
      event,
      async () => {
        setSaved(null);
        const body: UpdateOrganizationSettingsRequest = {
          name,
          minPasswordLength: Number(minLength),
          requireTwoFactor,
        };
        await api.put('/api/organization/settings', body);
        setSaved('Settings saved.');
        onSaved();
      },
      () =>
        /^\d+$/.test(minLength.trim())
          ? {}
          : { minPasswordLength: 'Enter a whole number of characters.' },
    );

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
