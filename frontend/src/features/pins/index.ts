export { PinnedButton } from './PinnedButton';
export { usePin, usePinSync } from './queries';
