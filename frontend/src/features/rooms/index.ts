export { can, type RoomAction } from './actions';
export { DialogFooter } from './DialogFooter';
export { InviteDialog } from './InviteDialog';
export { applyNotifications, isMuted, withNotifications } from './notificationCache';
export { OpenReportsBadge } from './OpenReportsBadge';
export {
  directoryKey,
  directoryPrefix,
  isMember,
  membersKey,
  reportsKey,
  siteReportsKey,
  roomKey,
  roomsKey,
  useMyRooms,
  useMyRoomsQuery,
  useRoom,
  useRoomDirectory,
} from './queries';
export { RoomDetailsDialog } from './RoomDetailsDialog';
export { useRoomBadges } from './RoomBadges';
export { isDirect, personName, roomTitle } from './roomTitle';
export { RoomsSidebar } from './RoomsSidebar';
export { UnreadTitle } from './UnreadTitle';
export { useJoinRoom } from './useJoinRoom';
export { useLeaveRoom } from './useLeaveRoom';
export { useRoomSync } from './useRoomSync';
