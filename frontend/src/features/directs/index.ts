import './directs.css';

// Direct messages and people: the sidebar section, "New message", profile cards.
export { DirectsSidebar } from './DirectsSidebar';
export { PeopleNames } from './PeopleNames';
export { PeoplePage } from './PeoplePage';
export { PersonName } from './PersonName';
export { PresenceDot } from './PresenceDot';
