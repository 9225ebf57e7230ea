// The admin feature's public face: the /admin page and its header menu entry.
export { AdminMenuItem } from './AdminMenuItem';
export { AdminPage } from './LazyAdminPage';
