// The moderation feature's public face (chat, shell and admin import only from here).
export { AUDIT_ACTIONS, auditActionLabel } from './auditActions';
export { AuditList } from './AuditList';
export { DurationPicker } from './DurationPicker';
export { DEFAULT_DURATION, durationField, untilText } from './durations';
export { MemberMenu } from './MemberMenu';
export { MemberMutedNote } from './MemberMutedNote';
export type { MessageDialog } from './MessageDialogs';
export { MessageDialogs } from './LazyMessageDialogs';
export { ReasonDialog } from './ReasonDialog';
export { refusalText } from './errors';
export { ReportQueue } from './ReportQueue';
export { RoomSettingsMenu } from './RoomSettingsMenu';
export { RoomStandingNotice } from './RoomStandingNotice';
export { SendLimitNotice } from './SendLimitNotice';
export { blocksSending, type SendLimit } from './sendLimits';
export { SiteBanGate } from './SiteBanGate';
export { useMessagePermissions } from './useMessagePermissions';
export { type SendLimits, useSendLimit } from './useSendLimit';
