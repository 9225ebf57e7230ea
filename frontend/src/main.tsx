// First: starts the session refresh before anything else is evaluated (startSession.ts).
import './startSession';
import '@mantine/core/styles.css';
import './styles.css';
import './i18n';

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

import { App } from './App';
import { registerServiceWorker } from './features/pwa';

registerServiceWorker();

const container = document.getElementById('root');
if (!container) throw new Error('index.html is missing #root');

createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
