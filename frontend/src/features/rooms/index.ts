export { RoomsSidebar } from './RoomsSidebar';
