// The installable app's public face: the service worker's registration and its update notice.
export { registerServiceWorker } from './serviceWorker';
export { UpdateNotice } from './UpdateNotice';
