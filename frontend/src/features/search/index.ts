export { SearchBox } from './SearchBox';
export { SearchPage } from './SearchPage';
