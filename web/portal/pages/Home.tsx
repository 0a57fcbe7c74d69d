import type { ComponentChildren } from 'preact';
import type { CurrentUserResponse } from '../../shared/contracts';
import { roleLabel } from '../format';

/**
 * The signed-in start page. `calls` is the slot for the call console (online technicians,
 * incoming calls) when it exists; until then the page only says who is signed in.
 */
export function Home({ me, calls }: { me: CurrentUserResponse; calls?: ComponentChildren }) {
  return (
    <main>
      <h1>{me.displayName}</h1>
      <p>
        {roleLabel(me.role)} at {me.organizationName}
      </p>
      {calls}
    </main>
  );
}
