// Profiles: my name and picture, and everyone's avatar where people are shown.
export { ProfileDialog } from './ProfileDialog';
export { useLivePerson } from './useLivePerson';
export { useProfileSync } from './useProfileSync';
export { UserAvatar } from './UserAvatar';
