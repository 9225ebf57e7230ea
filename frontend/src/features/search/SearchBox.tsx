import { ActionIcon, CloseButton, Kbd, TextInput } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useRef, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';

function queryIn(pathname: string, search: string): string {
  return pathname === '/search' ? (new URLSearchParams(search).get('q') ?? '') : '';
}

/**
 * The header's message search: a field on wide screens (`/` or Ctrl+K focuses it), an icon
 * on a phone that opens the field over the whole header. Enter opens /search?q=….
 */
export function SearchBox() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const [value, setValue] = useState(() => queryIn(location.pathname, location.search));
  const [open, setOpen] = useState(false);
  const desktopInput = useRef<HTMLInputElement>(null);
  const phoneInput = useRef<HTMLInputElement>(null);

  // Back and forward between searches show the query they are of.
  const [shown, setShown] = useState(location.search);
  if (location.pathname === '/search' && shown !== location.search) {
    setShown(location.search);
    setValue(queryIn(location.pathname, location.search));
  }

  const focus = () => desktopInput.current?.focus();
  useHotkeys([['/', focus]]);
  // Ctrl+K also from the composer: it types nothing there.
  useHotkeys([['mod+K', focus]], [], true);

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const q = value.trim();
    if (q === '') return;
    setOpen(false);
    phoneInput.current?.blur();
    desktopInput.current?.blur();
    void navigate(`/search?${new URLSearchParams({ q }).toString()}`);
  };

  const field = (ref: typeof desktopInput, phone: boolean) => (
    <TextInput
      ref={ref}
      type="search"
      enterKeyHint="search"
      aria-label={t('search.label')}
      placeholder={t('search.placeholder')}
      value={value}
      onChange={(event) => setValue(event.currentTarget.value)}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          if (phone) setOpen(false);
          event.currentTarget.blur();
        }
      }}
      leftSection={<IconSearch size={16} aria-hidden />}
      rightSection={
        phone ? (
          <CloseButton aria-label={t('search.close')} onClick={() => setOpen(false)} />
        ) : (
          <Kbd size="xs" aria-hidden>
            /
          </Kbd>
        )
      }
      maxLength={500}
      autoCapitalize="none"
      autoFocus={phone}
      className={phone ? 'search-box-phone-field' : undefined}
    />
  );

  return (
    <>
      <form role="search" onSubmit={submit} className="search-box" aria-label={t('search.label')}>
        {field(desktopInput, false)}
      </form>
      <ActionIcon
        variant="subtle"
        size={44}
        hiddenFrom="sm"
        aria-label={t('search.open')}
        onClick={() => setOpen(true)}
      >
        <IconSearch size={20} aria-hidden />
      </ActionIcon>
      {open ? (
        <form role="search" onSubmit={submit} className="search-box-phone" aria-label={t('search.label')}>
          {field(phoneInput, true)}
        </form>
      ) : null}
    </>
  );
}
