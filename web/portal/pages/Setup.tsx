import { useState } from 'preact/hooks';
import { api } from '../../shared/api';
import type { SetupRequest } from '../../shared/contracts';
import { Field, FormAlert, useForm } from '../forms';

const fields = ['organizationName', 'adminName', 'email', 'password'];

/** First run: create the organisation and its first admin (who is then signed in). */
export function Setup({ onDone }: { onDone: () => void }) {
  const [organizationName, setOrganizationName] = useState('');
  const [adminName, setAdminName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const form = useForm(fields);

  const onSubmit = (event: Event) =>
    form.submit(
      event,
      async () => {
        const body: SetupRequest = { organizationName, adminName, email, password };
        await api.post('/api/setup', body);
        onDone();
      },
      () => (password === confirm ? {} : { confirm: 'The passwords do not match.' }),
    );

  return (
    <main class="narrow">
      <h1>Set up Remote Support</h1>
      <p>Create your organisation and the first administrator account.</p>
      <form onSubmit={onSubmit} noValidate>
        <FormAlert message={form.alert} />
        <Field
          id="organizationName"
          label="Organisation name"
          value={organizationName}
          onValue={setOrganizationName}
          errors={form.errorsFor('organizationName')}
          autoComplete="organization"
        />
        <Field
          id="adminName"
          label="Your name"
          value={adminName}
          onValue={setAdminName}
          errors={form.errorsFor('adminName')}
          autoComplete="name"
        />
        <Field
          id="email"
          label="Email"
          type="email"
          value={email}
          onValue={setEmail}
          errors={form.errorsFor('email')}
          autoComplete="username"
        />
        <Field
          id="password"
          label="Password"
          type="password"
          value={password}
          onValue={setPassword}
          errors={form.errorsFor('password')}
          autoComplete="new-password"
          hint="Use a long passphrase; common or leaked passwords are refused."
        />
        <Field
          id="confirm"
          label="Confirm password"
          type="password"
          value={confirm}
          onValue={setConfirm}
          errors={form.errorsFor('confirm')}
          autoComplete="new-password"
        />
        <button type="submit" disabled={form.busy}>
          Create organisation
        </button>
      </form>
    </main>
  );
}
