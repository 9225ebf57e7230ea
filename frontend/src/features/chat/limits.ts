/** The server's limit (docs/protocol.md); longer bodies are refused with `invalid`. */
export const MAX_MESSAGE_LENGTH = 4000;
/** Show the remaining-characters counter from here on. */
export const COUNTER_FROM = 3500;
