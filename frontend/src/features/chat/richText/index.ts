export { preloadRichText } from './load';
export { MessageBody } from './MessageBody';
