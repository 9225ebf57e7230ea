export { AddReaction } from './AddReaction';
export { QUICK_REACTIONS } from './quick';
export { ReactionBar } from './ReactionBar';
export { useReaction } from './useReaction';
