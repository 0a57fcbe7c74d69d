import { useState } from 'preact/hooks';
import { api } from '../../shared/api';
import type { SignInRequest } from '../../shared/contracts';
import { Field, FormAlert, useForm } from '../forms';

const fields = ['email', 'password'];

export function SignIn({ onDone }: { onDone: () => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const form = useForm(fields);

  const onSubmit = (event: Event) =>
    form.submit(event, async () => {
      const body: SignInRequest = { email, password };
      await api.post('/api/auth/sign-in', body);
      onDone();
    });

  return (
    <main class="narrow">
      <h1>Sign in</h1>
      <form onSubmit={onSubmit} noValidate>
        <FormAlert message={form.alert} />
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
          autoComplete="current-password"
        />
        <button type="submit" disabled={form.busy}>
          Sign in
        </button>
      </form>
    </main>
  );
}
