export { SearchBox } from './SearchBox';
export { SearchPage } from './SearchPage';
export { searchSnippet } from './snippet';
export { fullStamp, stamp } from './stamp';
