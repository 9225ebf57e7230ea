import { Group, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';

import { listMembers, type ReactionPublic } from '../../api';
import { membersKey } from '../rooms';
import { AddReaction } from './AddReaction';

interface ReactionBarProps {
  roomId: number;
  reactions: readonly ReactionPublic[];
  myId: number | undefined;
  /** May I react here (the room's `react` action): otherwise the chips only show. */
  canReact: boolean;
  onToggle: (emoji: string, on: boolean) => void;
}

/** Who chose an emoji, by name; the member list is fetched the first time someone asks. */
function Reactors({ roomId, userIds, myId }: { roomId: number; userIds: readonly number[]; myId: number | undefined }) {
  const { t } = useTranslation();
  const { data: members } = useQuery({ queryKey: membersKey(roomId), queryFn: () => listMembers(roomId), staleTime: 60_000 });
  const names = userIds.map((id) => {
    if (id === myId) return t('reactions.you');
    const member = members?.find((candidate) => candidate.user_id === id);
    return member ? member.display_name || member.username : t('reactions.someone');
  });
  return <bdi>{names.join(', ')}</bdi>;
}

/** The reactions under a message: each emoji with its count; mine are pressed, a tap toggles. */
export function ReactionBar({ roomId, reactions, myId, canReact, onToggle }: ReactionBarProps) {
  const { t } = useTranslation();
  if (reactions.length === 0) return null;
  return (
    <Group gap={4} mt={4} wrap="wrap" className="reaction-bar" role="group" aria-label={t('reactions.label')}>
      {reactions.map((reaction) => {
        const mine = myId !== undefined && reaction.user_ids.includes(myId);
        return (
          <Tooltip
            key={reaction.emoji}
            label={<Reactors roomId={roomId} userIds={reaction.user_ids} myId={myId} />}
            events={{ hover: true, focus: true, touch: true }}
            withinPortal
            multiline
            maw={260}
          >
            <UnstyledButton
              className={mine ? 'reaction reaction--mine' : 'reaction'}
              aria-pressed={mine}
              disabled={!canReact}
              aria-label={t('reactions.chip', { emoji: reaction.emoji, count: reaction.count })}
              onClick={() => onToggle(reaction.emoji, !mine)}
              data-testid="reaction"
            >
              <span aria-hidden>{reaction.emoji}</span>
              <Text span size="xs" fw={600} aria-hidden>
                {reaction.count}
              </Text>
            </UnstyledButton>
          </Tooltip>
        );
      })}
      {canReact ? <AddReaction onPick={(emoji) => onToggle(emoji, true)} className="reaction-add" /> : null}
    </Group>
  );
}
