import { useTranslation } from 'react-i18next';

import { PersonName } from '../directs';
import { useMentionDirectory } from './directory';

/** A stored mention as it shows: @ and the person's current name; mine stands out. */
export function Mention({ target }: { target: string }) {
  const { t } = useTranslation();
  const { byId, myId } = useMentionDirectory();
  if (target === 'room') return <span className="mention mention--room">@{t('mentions.room')}</span>;
  const id = Number(target);
  const member = byId.get(id);
  const name = member ? member.display_name || member.username : t('mentions.someone');
  const chip = (
    <span className={id === myId ? 'mention mention--me' : 'mention'} data-user-id={id}>
      @<bdi>{name}</bdi>
    </span>
  );
  // Someone no longer in the room has no card to show: the chip stays plain text.
  return member ? (
    <PersonName person={{ id, username: member.username, display_name: member.display_name }}>{chip}</PersonName>
  ) : (
    chip
  );
}
