// My account's security: the password, and the invite links that let people sign up.
export { PasswordDialog } from './PasswordDialog';
export { InvitePage } from './InvitePage';
export { InviteLinks } from './InviteLinks';
export { AccountDialog } from './AccountDialog';
export { ThemeMenuItems } from './ThemeMenuItems';
export { useApplyAccountPreferences, useChoosePreferences } from './useAccountPreferences';
export { DeleteUserDialog } from './DeleteUserDialog';
export { ResetPasswordPage } from './ResetPasswordPage';
export { ForgotPasswordPage } from './ForgotPasswordPage';
export { ResetLinkDialog } from './ResetLinkDialog';
