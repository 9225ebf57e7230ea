export { PinnedDrawer } from './PinnedDrawer';
export { usePin, usePinSync } from './queries';
