import '@mantine/core/styles.css';
import './styles.css';
import './i18n';

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

import { restoreSession } from './api';
import { App } from './App';
import { registerServiceWorker } from './features/pwa';

// Started before the first render so the refresh overlaps with loading React.
void restoreSession();
registerServiceWorker();

const container = document.getElementById('root');
if (!container) throw new Error('index.html is missing #root');

createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
