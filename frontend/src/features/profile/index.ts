// Profiles: my name and picture, and everyone's avatar where people are shown.
import './profile.css';

export { ProfileDialog } from './ProfileDialog';
export { ReadReceiptsSwitch } from './ReadReceiptsSwitch';
export { useLivePerson } from './useLivePerson';
export { useProfileSync } from './useProfileSync';
export { UserAvatar } from './UserAvatar';
