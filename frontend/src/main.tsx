// First: starts the session refresh before anything else is evaluated (startSession.ts).
import './startSession';
import './mantine.css';
import './styles.css';
// Early too: detects the language and starts fetching its catalogue (i18nReady below).
import { i18nReady } from './i18n';

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

import { App } from './App';
import { preloadRichText } from './features/chat';
import { registerServiceWorker } from './features/pwa';

registerServiceWorker();

// A room's history is Markdown. Opening a room's URL, its renderer downloads now, while the
// app is evaluated and the session refreshes and the connection is otherwise idle, rather
// than once the room has mounted, after the shell's first render.
if (window.location.pathname.startsWith('/rooms/')) preloadRichText();

const container = document.getElementById('root');
if (!container) throw new Error('index.html is missing #root');
const root = createRoot(container);

// The catalogue's fetch left when ./i18n was evaluated, beside the session refresh, which
// the signed-in screens wait for anyway.
void i18nReady.then(() => {
  root.render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
});
