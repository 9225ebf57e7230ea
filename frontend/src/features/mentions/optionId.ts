/** The DOM id of a suggestion, for the composer's aria-activedescendant. */
export const optionId = (listId: string, index: number) => `${listId}-${index}`;
