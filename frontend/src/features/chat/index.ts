export { ChatPage } from './ChatPage';
export { ConnectionBanner } from './ConnectionBanner';
