// First: starts the session refresh before anything else is evaluated (startSession.ts).
import './startSession';
import './mantine.css';
import './styles.css';
// Early too: detects the language and starts fetching its catalogue (i18nReady below).
import { i18nReady } from './i18n';

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

import { App } from './App';
import { registerServiceWorker } from './features/pwa';

registerServiceWorker();

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
