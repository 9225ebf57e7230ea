export { AppLayout } from './AppLayout';
export { HomePage } from './HomePage';
export { NotFoundPage } from './NotFoundPage';
