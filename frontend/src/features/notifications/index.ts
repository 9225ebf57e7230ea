export { NotificationBindings } from './NotificationBindings';
export { NotificationMenuItem, NotificationPreferences } from './NotificationPreferences';
export { NotificationPrompt } from './NotificationPrompt';
export { RoomNotificationsMenu } from './RoomNotificationsMenu';
export { plainText } from './snippet';
