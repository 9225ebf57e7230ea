import { Fragment } from 'react';

import type { AuthorPublic } from '../../api';
import { personName } from '../rooms';

/** "Ann, Bob, Chloé": each name isolated, so one's direction never reorders the list. */
export function PeopleNames({ people }: { people: readonly AuthorPublic[] }) {
  return (
    <>
      {people.map((person, index) => (
        <Fragment key={person.id}>
          {index > 0 ? ', ' : null}
          <bdi>{personName(person)}</bdi>
        </Fragment>
      ))}
    </>
  );
}
