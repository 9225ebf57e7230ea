// Read receipts: "seen by" below the messages others have read, opt-in on both sides.
import './receipts.css';

export { SeenBy } from './SeenBy';
export { placeReaders } from './seenBy';
export type { SeenGroup } from './seenBy';
export { applyReceipt, useReadReceipts } from './useReadReceipts';
