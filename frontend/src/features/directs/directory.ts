import { offsetPaging } from '../../components/paging';

export { flattenPages } from '../../components/paging';

/** How many people one directory page asks for (≤ users.PEOPLE_PAGE_MAX). */
export const DIRECTORY_PAGE = 30;

/** Where the next page starts, or undefined once a page came back short (the last). */
export const nextOffset = offsetPaging(DIRECTORY_PAGE);
