import './replies.css';

export { ChatPage } from './ChatPage';
export { preloadRichText } from './richText';
export { ConnectionBanner } from './ConnectionBanner';
export { useServerSendRate } from './limits';
export { fullDate } from './time';
