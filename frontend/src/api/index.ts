export {
  acceptInvite,
  changePassword,
  checkInvite,
  createInvite,
  listInvites,
  readSiteSettings,
  revokeInvite,
  setSignupMode,
  setUserDisabled,
} from './account';
export type { InviteCheck, InviteCreated, InvitePublic, SignupMode, SiteSettings } from './generated';
export { fetchMe, logIn, logOut, logOutEverywhere, restoreSession, signUp } from './auth';
export type { Credentials } from './auth';
export { session } from './client';
export { findPeople, openDirect } from './directs';
export { ApiError } from './errors';
export type { FieldProblem } from './errors';
export type { AuthStatus } from './session';
export {
  deleteRoom,
  listRoomAudit,
  listRoomReports,
  moderateDeleteMessage,
  moderateMember,
  reportMessage,
  resolveReport,
  updateRoom,
} from './moderation';
export {
  banUser,
  listAdminUsers,
  listAllReports,
  listAudit,
  readAdminStats,
  setUserRole,
  unbanUser,
} from './admin';
export type { AuditFilters } from './admin';
export type {
  AdminStats,
  AdminUserPublic,
  AuditPublic,
  ModerationAction,
  ReportPublic,
  ReportStatus,
  RoomUpdate,
} from './generated';
export type { UserCreate, UserPublic } from './generated';
export {
  createRoom,
  editMessage,
  inviteMember,
  joinRoom,
  leaveRoom,
  listMembers,
  listMessages,
  listMyRooms,
  setReaction,
  listRooms,
  markRead,
  readRoom,
} from './rooms';
export type {
  AuthorPublic,
  MemberPublic,
  MessagePage,
  MessagePublic,
  QuotedMessage,
  ReactionPublic,
  RoomCreate,
  RoomPage,
  RoomPublic,
  RoomRole,
} from './generated';
export type { RoomListQuery } from './rooms';
export {
  UploadError,
  createFileSender,
  createUploader,
  fetchAuthedBlob,
  fetchClientConfig,
  fetchUpload,
  fetchUploadBlob,
  uploadAvatar,
  uploadErrorKind,
  uploadFile,
} from './uploads';
export { removeAvatar, updateDisplayName } from './profile';
export { fetchReadReceipts, setReadReceipts } from './receipts';
export type { ReadReceipt, ReadReceipts } from './generated';
export { setRoomNotifications } from './notifications';
export { disablePush, enablePush, forgetPushDevice } from './push';
export type { NotificationSettings, NotificationUpdate, NotifyLevel, PushSubscriptionCreate } from './generated';
export type { UploadErrorKind, UploadOptions, Uploader, UploaderDeps, UploadVariant } from './uploads';
export type { ClientConfig, UploadPublic, UploadStatus } from './generated';
export { listPins, messageAt, pinMessage, searchMessages, unpinMessage } from './search';
export type { MessageAt, SearchHit, SearchPage, SearchRoom } from './generated';
export {
  changeEmail,
  deleteMyAccount,
  deleteUserAsAdmin,
  endSignIn,
  listMySignIns,
  listRoomBans,
  savePreferences,
} from './me';
export type { AccountPreferences } from './me';
export type { MessagesChoice, RoomBanPublic, SignInPublic } from './generated';
export { checkResetLink, forgotPassword, issueResetLink, resetPassword } from './resets';
export type { ResetCheck, ResetLink } from './generated';
