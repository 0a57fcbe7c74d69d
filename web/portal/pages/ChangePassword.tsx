import { useState } from 'preact/hooks';
import { api } from '../../shared/api';
import type { ChangePasswordRequest } from '../../shared/contracts';
import { Field, FormAlert, useForm } from '../forms';

const fields = ['currentPassword', 'newPassword'];

/** Shown instead of everything else while the user must replace a temporary password. */
export function ChangePassword({ onDone }: { onDone: () => void }) {
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const form = useForm(fields);

  const onSubmit = (event: Event) =>
    form.submit(
      event,
      async () => {
        const body: ChangePasswordRequest = { currentPassword, newPassword };
        await api.post('/api/auth/change-password', body);
        onDone();
      },
      () => (newPassword === confirm ? {} : { confirm: 'The new passwords do not match.' }),
    );

  return (
    <main class="narrow">
      <h1>Change your password</h1>
      <p>Your password was set by an administrator. Choose your own before you continue.</p>
      <form onSubmit={onSubmit} noValidate>
        <FormAlert message={form.alert} />
        <Field
          id="currentPassword"
          label="Current password"
          type="password"
          value={currentPassword}
          onValue={setCurrentPassword}
          errors={form.errorsFor('currentPassword')}
          autoComplete="current-password"
        />
        <Field
          id="newPassword"
          label="New password"
          type="password"
          value={newPassword}
          onValue={setNewPassword}
          errors={form.errorsFor('newPassword')}
          autoComplete="new-password"
        />
        <Field
          id="confirm"
          label="Confirm new password"
          type="password"
          value={confirm}
          onValue={setConfirm}
          errors={form.errorsFor('confirm')}
          autoComplete="new-password"
        />
        <button type="submit" disabled={form.busy}>
          Change password
        </button>
      </form>
    </main>
  );
}
