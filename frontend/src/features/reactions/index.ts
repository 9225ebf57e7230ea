export { AddReaction } from './AddReaction';
export { QUICK_REACTIONS } from './quick';
export { ReactionBar } from './ReactionBar';
export { ReactionChooser } from './ReactionChooser';
export { useReaction } from './useReaction';
