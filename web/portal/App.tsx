import { useEffect, useState } from 'preact/hooks';
import { ApiError, api } from '../shared/api';
import type { CurrentUserResponse, SetupStatusResponse } from '../shared/contracts';
import { FormAlert, alertText } from './forms';
import { roleLabel } from './format';
import { Link, navigate, usePath } from './router';
import { CallPanel } from './calls/CallPanel';
import { ContactList } from './calls/ContactList';
import { useCallController } from './calls/useCallController';
import type { CallController } from '../shared/calls/controller';
import { Audit } from './pages/Audit';
import { Calls } from './pages/Calls';
import { ChangePassword } from './pages/ChangePassword';
import { Devices } from './pages/Devices';
import { Home } from './pages/Home';
import { SessionPage } from './pages/SessionPage';
import { Settings } from './pages/Settings';
import { Setup } from './pages/Setup';
import { SignIn } from './pages/SignIn';
import { Users } from './pages/Users';

/** /calls/{callId}: the record of one call. */
const sessionPath = /^\/calls\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

type Session =
  | { kind: 'loading' }
  | { kind: 'failed'; error: unknown }
  | { kind: 'setup' }
  | { kind: 'signIn' }
  | { kind: 'signedIn'; me: CurrentUserResponse };

async function loadSession(): Promise<Session> {
  const setup = await api.get<SetupStatusResponse>('/api/setup');
  if (setup.needsSetup) return { kind: 'setup' };
  try {
    return { kind: 'signedIn', me: await api.get<CurrentUserResponse>('/api/auth/me') };
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return { kind: 'signIn' };
    throw error;
  }
}

const adminPages = [
  { path: '/users', label: 'Users' },
  { path: '/devices', label: 'Devices' },
  { path: '/audit', label: 'Audit log' },
  { path: '/settings', label: 'Settings' },
] as const;

export function App() {
  const [session, setSession] = useState<Session>({ kind: 'loading' });

  const refresh = () =>
    loadSession().then(setSession, (error: unknown) => setSession({ kind: 'failed', error }));

  useEffect(() => {
    void refresh();
  }, []);

  switch (session.kind) {
    case 'loading':
      return <p class="loading">Loading…</p>;
    case 'failed':
      return (
        <main class="narrow">
          <h1>Remote Support</h1>
          <FormAlert message={alertText(session.error, [])} />
          <button type="button" onClick={() => void refresh()}>
            Try again
          </button>
        </main>
      );
    case 'setup':
      return <Setup onDone={() => void refresh()} />;
    case 'signIn':
      return <SignIn onDone={() => void refresh()} />;
    case 'signedIn':
      return session.me.mustChangePassword ? (
        <ChangePassword onDone={() => void refresh()} />
      ) : (
        <SignedIn
          me={session.me}
          onRefresh={() => void refresh()}
          onSignedOut={() => setSession({ kind: 'signIn' })}
        />
      );
  }
}

function SignedIn({
  me,
  onRefresh,
  onSignedOut,
}: {
  me: CurrentUserResponse;
  onRefresh: () => void;
  onSignedOut: () => void;
}) {
  const path = usePath();
  const [error, setError] = useState<unknown>(null);
  const isAdmin = me.role === 'OrgAdmin';
  const calls = useCallController(me.id);

  async function signOut() {
    setError(null);
    try {
      await api.post('/api/auth/sign-out');
      navigate('/');
      onSignedOut();
    } catch (err) {
      setError(err);
    }
  }

  return (
    <>
      <header class="top">
        <span class="org">{me.organizationName}</span>
        <nav aria-label="Main">
          <Link href="/" current={path === '/'}>
            Home
          </Link>
          <Link href="/calls" current={path === '/calls' || path.startsWith('/calls/')}>
            Calls
          </Link>
          {isAdmin
            ? adminPages.map((page) => (
                <Link key={page.path} href={page.path} current={path === page.path}>
                  {page.label}
                </Link>
              ))
            : null}
        </nav>
        <span class="who">
          <span data-testid="user-name">{me.displayName}</span>{' '}
          <span class="hint" data-testid="user-role">
            {roleLabel(me.role)}
          </span>
        </span>
        <button type="button" class="secondary" onClick={() => void signOut()}>
          Sign out
        </button>
      </header>
      <FormAlert message={alertText(error, [])} />
      <CallPanel controller={calls} selfUserId={me.id} />
      <Page path={path} me={me} isAdmin={isAdmin} onRefresh={onRefresh} calls={calls} />
    </>
  );
}

function Page({
  path,
  me,
  isAdmin,
  onRefresh,
  calls,
}: {
  path: string;
  me: CurrentUserResponse;
  isAdmin: boolean;
  onRefresh: () => void;
  calls: CallController;
}) {
  if (path === '/') return <Home me={me} calls={<ContactList controller={calls} />} />;
  if (path === '/calls') return <Calls me={me} />;
  const sessionId = sessionPath.exec(path)?.[1];
  if (sessionId) return <SessionPage key={sessionId} callId={sessionId} />;
  const adminOnly = adminPages.some((p) => p.path === path);
  if (adminOnly && !isAdmin) {
    return (
      <main>
        <h1>Not available</h1>
        <p>This page is for organisation admins.</p>
        <Link href="/">Go to the home page</Link>
      </main>
    );
  }
  switch (path) {
    case '/users':
      return <Users me={me} />;
    case '/devices':
      return <Devices />;
    case '/audit':
      return <Audit />;
    case '/settings':
      return <Settings onSaved={onRefresh} />;
    default:
      return (
        <main>
          <h1>Page not found</h1>
          <Link href="/">Go to the home page</Link>
        </main>
      );
  }
}
