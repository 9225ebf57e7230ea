import { restoreSession } from './api';

// main.tsx imports this first, so the token refresh leaves as soon as the API client is
// evaluated, while the rest of the app (i18n, the screens) is still being evaluated and
// rendered; on a phone's slow CPU that is a few hundred milliseconds earlier.
void restoreSession();
