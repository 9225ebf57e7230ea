import { Button, CloseButton, Group, Loader, Modal, Paper, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useDebouncedValue, useMediaQuery } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { type KeyboardEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

import type { AuthorPublic } from '../../api';
import { useCurrentUser } from '../auth';
import { personName } from '../rooms';
import { addPick, MAX_PEOPLE, moveHighlight, pickable, removePick } from './picks';
import { usePeopleSearch } from './queries';
import { useOpenDirect } from './useOpenDirect';

interface NewMessageDialogProps {
  opened: boolean;
  onClose: () => void;
  onNavigate?: () => void;
}

function PickedChip({ person, onRemove }: { person: AuthorPublic; onRemove: () => void }) {
  const { t } = useTranslation();
  const name = personName(person);
  return (
    <Group component="li" gap={2} wrap="nowrap" className="person-chip" data-testid="picked-person">
      <Text size="sm" fw={600} truncate="end">
        <bdi>{name}</bdi>
      </Text>
      <CloseButton size={40} onClick={onRemove} aria-label={t('directs.remove', { name })} />
    </Group>
  );
}

/** The dialog's body: kept apart so closing the dialog forgets the search and the picks. */
function NewMessageForm({ onClose, onNavigate }: Omit<NewMessageDialogProps, 'opened'>) {
  const { t } = useTranslation();
  const { data: me } = useCurrentUser();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const [picked, setPicked] = useState<readonly AuthorPublic[]>([]);
  const [highlighted, setHighlighted] = useState(-1);
  const input = useRef<HTMLInputElement>(null);
  const listId = useId();
  const people = usePeopleSearch(q, true);
  const options = pickable(people.data, picked, me?.id);
  const full = picked.length >= MAX_PEOPLE;
  const open = useOpenDirect(() => {
    onClose();
    onNavigate?.();
  });

  const pick = (person: AuthorPublic) => {
    setPicked((current) => addPick(current, person));
    setSearch('');
    setHighlighted(-1);
    input.current?.focus();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.nativeEvent.isComposing) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setHighlighted((current) => moveHighlight(current, options.length, event.key === 'ArrowDown' ? 1 : -1));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const chosen = options[highlighted] ?? (options.length === 1 ? options[0] : undefined);
      if (chosen && !full) pick(chosen);
      else if (!chosen && search === '' && picked.length > 0) open.mutate(picked.map((person) => person.id));
    } else if (event.key === 'Backspace' && search === '' && picked.length > 0) {
      const last = picked.at(-1);
      if (last) setPicked((current) => removePick(current, last.id));
    }
  };
  const optionDomId = (index: number) => `${listId}-${index}`;
  const showOptions = !full && options.length > 0;

  return (
    <Stack gap="md">
      {picked.length > 0 ? (
        <Group component="ul" gap="xs" className="plain-list" aria-label={t('directs.picked')}>
          {picked.map((person) => (
            <PickedChip key={person.id} person={person} onRemove={() => setPicked((current) => removePick(current, person.id))} />
          ))}
        </Group>
      ) : null}
      <TextInput
        ref={input}
        type="search"
        label={t('directs.search')}
        description={full ? t('directs.full', { max: MAX_PEOPLE }) : t('directs.searchHint', { max: MAX_PEOPLE })}
        value={search}
        onChange={(event) => {
          setSearch(event.currentTarget.value);
          setHighlighted(-1);
        }}
        onKeyDown={onKeyDown}
        leftSection={<IconSearch size={16} aria-hidden />}
        maxLength={64}
        size="md"
        autoCapitalize="none"
        autoCorrect="off"
        disabled={full}
        data-autofocus
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={showOptions}
        aria-controls={showOptions ? listId : undefined}
        aria-activedescendant={showOptions && highlighted >= 0 ? optionDomId(highlighted) : undefined}
      />
      {people.isPending ? <Loader size="sm" aria-label={t('app.loading')} /> : null}
      {people.isError ? (
        <Text c="red" size="sm" role="alert">
          {t('directs.searchFailed')}
        </Text>
      ) : null}
      {people.isSuccess && options.length === 0 && !full ? (
        <Text c="dimmed" size="sm">
          {t('directs.noMatch')}
        </Text>
      ) : null}
      {showOptions ? (
        <Paper withBorder role="listbox" id={listId} aria-label={t('directs.results')} className="people-options">
          {options.map((person, index) => (
            <UnstyledButton
              key={person.id}
              id={optionDomId(index)}
              role="option"
              aria-selected={index === highlighted}
              className="mention-option"
              // Keep the search focused (and the keyboard up on a phone) while picking.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => pick(person)}
            >
              <Group gap="sm" wrap="nowrap">
                <Text size="sm" fw={600} truncate="end">
                  <bdi>{personName(person)}</bdi>
                </Text>
                <Text size="xs" c="dimmed" truncate="end">
                  @<bdi>{person.username}</bdi>
                </Text>
              </Group>
            </UnstyledButton>
          ))}
        </Paper>
      ) : null}
      {open.isError ? (
        <Text c="red" size="sm" role="alert">
          {t('directs.openFailed')}
        </Text>
      ) : null}
      <Group justify="flex-end">
        <Button variant="default" mih={44} onClick={onClose}>
          {t('chat.actions.cancel')}
        </Button>
        <Button
          mih={44}
          disabled={picked.length === 0}
          loading={open.isPending}
          onClick={() => open.mutate(picked.map((person) => person.id))}
        >
          {t('directs.start')}
        </Button>
      </Group>
    </Stack>
  );
}

/** "New message": find people (1 to 7), then open our conversation, started if needed. */
export function NewMessageDialog({ opened, onClose, onNavigate }: NewMessageDialogProps) {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 36em)');
  return (
    <Modal opened={opened} onClose={onClose} title={t('directs.newTitle')} centered fullScreen={phone} size="md">
      <NewMessageForm onClose={onClose} onNavigate={onNavigate} />
    </Modal>
  );
}
