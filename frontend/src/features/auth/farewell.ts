import { session } from '../../api';

export type Farewell = 'accountDeleted';

let farewell: Farewell | null = null;

// Router state would not do: the sign-out itself sends the app to /login first (RequireAuth),
// racing any navigation that carries the notice. The notice lasts until someone signs in.
session.subscribe(() => {
  if (session.getStatus() === 'signedIn') farewell = null;
});

/** Set just before the session ends, so the login page says why the user is there. */
export function sayFarewell(reason: Farewell): void {
  farewell = reason;
}

export function currentFarewell(): Farewell | null {
  return farewell;
}
