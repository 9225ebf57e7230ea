export { Mention } from './Mention';
export { useMentionDirectory } from './directory';
export { MentionDirectory } from './MentionDirectory';
export { MentionSuggestions } from './MentionSuggestions';
export { optionId } from './optionId';
export { decodeMentions, encodeMentions, mentionQueryAt, TOKEN } from './tokens';
export { useMentionPicker } from './useMentionPicker';
