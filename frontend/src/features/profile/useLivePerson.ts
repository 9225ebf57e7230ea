import type { AuthorPublic } from '../../api';
import { useMentionDirectory } from '../mentions';

/**
 * A message's author as the room knows them now: the members list is patched live by
 * `profile` frames (and refetched on reconnect), where a held message keeps the name and
 * picture it was read with. Someone no longer a member keeps the message's.
 */
export function useLivePerson(author: AuthorPublic): AuthorPublic {
  const member = useMentionDirectory().byId.get(author.id);
  if (!member) return author;
  return {
    ...author,
    display_name: member.display_name,
    avatar_url: member.avatar_url ?? null,
  };
}
