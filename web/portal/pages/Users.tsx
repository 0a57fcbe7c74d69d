import { useState } from 'preact/hooks';
import { api } from '../../shared/api';
import type {
  CreateUserRequest,
  CurrentUserResponse,
  ResetPasswordRequest,
  UpdateUserRequest,
  UserResponse,
  UserRole,
} from '../../shared/contracts';
import { assignableRoles } from '../../shared/contracts';
import { Field, FieldErrors, FormAlert, StatusMessage, alertText, useForm } from '../forms';
import { roleLabel } from '../format';
import { useLoad } from '../useLoad';
import { PairingPanel } from './PairingPanel';

function RoleOptions() {
  return (
    <>
      {assignableRoles.map((role) => (
        <option key={role} value={role}>
          {roleLabel(role)}
        </option>
      ))}
    </>
  );
}

function AddUserForm({ onAdded }: { onAdded: (name: string) => void }) {
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<UserRole>('Expert');
  const [password, setPassword] = useState('');
  const form = useForm(['displayName', 'email', 'role', 'password']);

  const onSubmit = (event: Event) =>
    form.submit(event, async () => {
      const body: CreateUserRequest = {
        displayName,
        email,
        role,
        password: password === '' ? null : password,
      };
      await api.post('/api/users', body);
      setDisplayName('');
      setEmail('');
      setPassword('');
      onAdded(displayName);
    });

  return (
    <form onSubmit={onSubmit} noValidate class="panel" aria-labelledby="add-user-heading">
      <h2 id="add-user-heading">Add user</h2>
      <FormAlert message={form.alert} />
      <Field
        id="new-user-name"
        label="Name"
        value={displayName}
        onValue={setDisplayName}
        errors={form.errorsFor('displayName')}
        autoComplete="off"
      />
      <Field
        id="new-user-email"
        label="Email"
        type="email"
        value={email}
        onValue={setEmail}
        errors={form.errorsFor('email')}
        autoComplete="off"
      />
      <div class="field">
        <label for="new-user-role">Role</label>
        <select
          id="new-user-role"
          value={role}
          onChange={(e) => setRole(e.currentTarget.value as UserRole)}
        >
          <RoleOptions />
        </select>
        <FieldErrors id="new-user-role" errors={form.errorsFor('role')} />
      </div>
      <Field
        id="new-user-password"
        label="Password"
        type="password"
        value={password}
        onValue={setPassword}
        errors={form.errorsFor('password')}
        autoComplete="new-password"
        hint={
          role === 'Technician'
            ? 'Optional. Technicians sign in by pairing glasses.'
            : 'A temporary password; the user must change it at first sign-in.'
        }
      />
      <button type="submit" disabled={form.busy}>
        Add user
      </button>
    </form>
  );
}

function ResetPasswordForm({
  user,
  onDone,
}: {
  user: UserResponse;
  onDone: (done: boolean) => void;
}) {
  const [temporaryPassword, setTemporaryPassword] = useState('');
  const form = useForm(['temporaryPassword']);
  const onSubmit = (event: Event) =>
    form.submit(event, async () => {
      const body: ResetPasswordRequest = { temporaryPassword };
      await api.post(`/api/users/${encodeURIComponent(user.id)}/reset-password`, body);
      onDone(true);
    });
  return (
    <form onSubmit={onSubmit} noValidate class="panel" aria-labelledby="reset-heading">
      <h2 id="reset-heading">Reset password for {user.displayName}</h2>
      <FormAlert message={form.alert} />
      <Field
        id="temporary-password"
        label="Temporary password"
        type="password"
        value={temporaryPassword}
        onValue={setTemporaryPassword}
        errors={form.errorsFor('temporaryPassword')}
        autoComplete="new-password"
        hint="The user must replace it at their next sign-in."
      />
      <div class="actions">
        <button type="submit" disabled={form.busy}>
          Set temporary password
        </button>
        <button type="button" class="secondary" onClick={() => onDone(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}

type Panel = { kind: 'reset'; user: UserResponse } | { kind: 'pair'; user: UserResponse } | null;

export function Users({ me }: { me: CurrentUserResponse }) {
  const users = useLoad(() => api.get<UserResponse[]>('/api/users'));
  const [panel, setPanel] = useState<Panel>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  async function update(user: UserResponse, change: UpdateUserRequest, done: string) {
    setError(null);
    setStatus(null);
    try {
      await api.patch(`/api/users/${encodeURIComponent(user.id)}`, change);
      setStatus(done);
    } catch (err) {
      setError(err);
    }
    users.reload();
  }

  return (
    <main>
      <h1>Users</h1>
      <FormAlert message={alertText(error ?? users.error, [])} />
      <StatusMessage message={status} />
      {panel?.kind === 'pair' ? (
        <PairingPanel technician={panel.user} onClose={() => setPanel(null)} />
      ) : null}
      {panel?.kind === 'reset' ? (
        <ResetPasswordForm
          user={panel.user}
          onDone={(done) => {
            if (done) {
              setStatus(`Temporary password set for ${panel.user.displayName}.`);
              users.reload();
            }
            setPanel(null);
          }}
        />
      ) : null}
      <table>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
            <th scope="col">Status</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {(users.data ?? []).map((user) => {
            const self = user.id === me.id;
            return (
              <tr key={user.id}>
                <td>{user.displayName}</td>
                <td>{user.email}</td>
                <td>
                  <select
                    aria-label={`Role of ${user.displayName}`}
                    value={user.role}
                    disabled={self}
                    onChange={(e) =>
                      void update(
                        user,
                        { role: e.currentTarget.value as UserRole },
                        `${user.displayName} is now ${roleLabel(e.currentTarget.value as UserRole)}.`,
                      )
                    }
                  >
                    <RoleOptions />
                  </select>
                </td>
                <td>
                  {user.disabled ? 'Disabled' : 'Active'}
                  {user.mustChangePassword ? (
                    <span class="hint"> · must change password</span>
                  ) : null}
                </td>
                <td class="actions">
                  {self ? null : (
                    <button
                      type="button"
                      class="secondary"
                      onClick={() =>
                        void update(
                          user,
                          { disabled: !user.disabled },
                          `${user.displayName} is ${user.disabled ? 'enabled' : 'disabled'}.`,
                        )
                      }
                    >
                      {user.disabled ? 'Enable' : 'Disable'}
                    </button>
                  )}
                  <button
                    type="button"
                    class="secondary"
                    onClick={() => setPanel({ kind: 'reset', user })}
                  >
                    Reset password
                  </button>
                  {user.role === 'Technician' && !user.disabled ? (
                    <button type="button" onClick={() => setPanel({ kind: 'pair', user })}>
                      Pair device
                    </button>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <AddUserForm
        onAdded={(name) => {
          setStatus(`${name} was added.`);
          users.reload();
        }}
      />
    </main>
  );
}
