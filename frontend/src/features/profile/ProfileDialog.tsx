import { Button, FileButton, Group, Modal, Progress, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { ApiError, removeAvatar, updateDisplayName, uploadAvatar, UploadError, type UserPublic } from '../../api';
import { currentUserKey } from '../auth';
import { DialogFooter } from '../rooms';
import { checkFile, formatBytes } from '../uploads';
import { applyProfile } from './people';
import { ReadReceiptsSwitch } from './ReadReceiptsSwitch';
import { UserAvatar } from './UserAvatar';
import { useClientConfig } from '../../components/useClientConfig';

const NAME_MAX = 64;
const AVATAR_TYPES = 'image/png,image/jpeg,image/gif,image/webp';

/** What Save does to the picture: nothing, a new one (shown first), or back to initials. */
type PictureChange = { kind: 'keep' } | { kind: 'upload'; file: File; previewUrl: string } | { kind: 'remove' };

interface ProfileDialogProps {
  opened: boolean;
  onClose: () => void;
  user: UserPublic;
}

export function ProfileDialog({ opened, onClose, user }: ProfileDialogProps) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('profile.title')} centered>
      {/* Mounted while open only: every opening starts from the account as it is now. */}
      {opened ? <ProfileForm user={user} onDone={onClose} /> : null}
    </Modal>
  );
}

function usePictureChange() {
  const [change, setChange] = useState<PictureChange>({ kind: 'keep' });
  // The preview's object URL lives as long as it is shown.
  useEffect(
    () => () => {
      if (change.kind === 'upload') URL.revokeObjectURL(change.previewUrl);
    },
    [change],
  );
  return {
    change,
    choose: (file: File) =>
      setChange({
        kind: 'upload',
        file,
        previewUrl: URL.createObjectURL(file),
      }),
    remove: () => setChange({ kind: 'remove' }),
    keep: () => setChange({ kind: 'keep' }),
  };
}

function ProfileForm({ user, onDone }: { user: UserPublic; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const { data: config } = useClientConfig();
  const picture = usePictureChange();
  const [progress, setProgress] = useState<number | null>(null);
  const [pictureError, setPictureError] = useState<string | null>(null);
  const form = useForm({
    mode: 'controlled',
    initialValues: { displayName: user.display_name ?? '' },
    validate: {
      displayName: (value) =>
        value.trim() === ''
          ? t('profile.errors.nameRequired')
          : value.trim().length > NAME_MAX
            ? t('profile.errors.nameLength', { max: NAME_MAX })
            : null,
    },
  });

  const save = useMutation({
    mutationFn: async (displayName: string): Promise<UserPublic> => {
      let saved = user;
      if (displayName !== user.display_name) saved = await updateDisplayName(displayName);
      const change = picture.change;
      if (change.kind === 'upload') {
        setProgress(0);
        saved = await uploadAvatar(change.file, { onProgress: setProgress });
      } else if (change.kind === 'remove') {
        saved = await removeAvatar();
      }
      return saved;
    },
    onSuccess: (saved) => {
      queryClient.setQueryData(currentUserKey, saved);
      applyProfile(queryClient, { ...saved, display_name: saved.display_name ?? '' });
      onDone();
    },
    onError: (error) => {
      setProgress(null);
      if (error instanceof ApiError && error.status === 422) {
        form.setFieldError('displayName', t('profile.errors.nameInvalid'));
      } else if (error instanceof UploadError) {
        setPictureError(uploadMessage(error));
      }
    },
  });

  function uploadMessage(error: UploadError): string {
    switch (error.kind) {
      case 'tooLarge':
        return t('profile.errors.tooLarge', {
          max: config ? formatBytes(config.max_upload_bytes, i18n.language) : '',
        });
      case 'unsupportedType':
        return t('profile.errors.type');
      case 'invalid':
        return t('profile.errors.badImage');
      case 'network':
        return t('profile.errors.network');
      default:
        return t('profile.errors.unexpected');
    }
  }

  function choose(file: File | null) {
    if (!file) return;
    setPictureError(null);
    if (config) {
      const images = {
        ...config,
        allowed_upload_types: config.allowed_upload_types.filter((type) => type.startsWith('image/')),
      };
      const checked = checkFile(file, images);
      if (!checked.ok) {
        setPictureError(
          checked.reason === 'size'
            ? t('profile.errors.tooLarge', {
                max: formatBytes(config.max_upload_bytes, i18n.language),
              })
            : checked.reason === 'empty'
              ? t('profile.errors.badImage')
              : t('profile.errors.type'),
        );
        return;
      }
    }
    picture.choose(file);
  }

  const shownName = form.values.displayName.trim() || user.username;
  const hasPicture = picture.change.kind === 'upload' || (picture.change.kind === 'keep' && user.avatar_url);
  const unexpected =
    save.error !== null &&
    !(save.error instanceof UploadError) &&
    !(save.error instanceof ApiError && save.error.status === 422);

  return (
    <form
      className="profile-form"
      onSubmit={form.onSubmit((values) => save.mutate(values.displayName.trim()))}
      noValidate
    >
      <Stack gap="md">
        <Group gap="md" wrap="nowrap" align="center">
          <UserAvatar
            userId={user.id}
            name={shownName}
            size={72}
            avatarUrl={picture.change.kind === 'remove' ? null : user.avatar_url}
            previewUrl={picture.change.kind === 'upload' ? picture.change.previewUrl : null}
          />
          <Stack gap="xs" style={{ flex: 1 }} miw={0}>
            <Group gap="xs">
              <FileButton
                onChange={choose}
                accept={AVATAR_TYPES}
                inputProps={{ 'aria-label': t('profile.choosePicture') }}
              >
                {(props) => (
                  <Button variant="default" size="sm" {...props} disabled={save.isPending}>
                    {t('profile.choosePicture')}
                  </Button>
                )}
              </FileButton>
              {hasPicture ? (
                <Button variant="subtle" color="red" size="sm" onClick={picture.remove} disabled={save.isPending}>
                  {t('profile.removePicture')}
                </Button>
              ) : null}
            </Group>
            <Text size="xs" c="dimmed">
              {picture.change.kind === 'upload'
                ? t('profile.previewHint')
                : picture.change.kind === 'remove'
                  ? t('profile.removeHint')
                  : t('profile.pictureHint')}
            </Text>
          </Stack>
        </Group>
        {pictureError ? (
          <Text c="red" size="sm" role="alert">
            {pictureError}
          </Text>
        ) : null}
        {progress !== null && save.isPending ? (
          <Progress value={progress * 100} aria-label={t('profile.uploading')} animated />
        ) : null}
        <TextInput
          label={t('profile.displayName')}
          description={t('profile.displayNameHint')}
          required
          maxLength={NAME_MAX}
          data-autofocus
          {...form.getInputProps('displayName')}
        />
        <ReadReceiptsSwitch user={user} />
        <DialogFooter
          unexpectedError={unexpected}
          submitLabel={t('profile.save')}
          pending={save.isPending}
          onCancel={onDone}
        />
      </Stack>
    </form>
  );
}
