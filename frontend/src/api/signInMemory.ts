/** "This device was signed in", kept across reloads (session.ts's rememberSignIn; no secret). */

const KEY = 'parley.signedIn';

function storage(): Storage | null {
  try {
    return globalThis.localStorage;
  } catch {
    return null; // storage disabled: behave as before, offline start shows the login page
  }
}

export const signInMemory = {
  wasSignedIn: (): boolean => storage()?.getItem(KEY) === '1',
  set(signedIn: boolean): void {
    try {
      if (signedIn) storage()?.setItem(KEY, '1');
      else storage()?.removeItem(KEY);
    } catch {
      // Quota or privacy mode: the marker is a convenience only.
    }
  },
};
