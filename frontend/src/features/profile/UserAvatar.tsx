import { Avatar, type AvatarProps } from '@mantine/core';

import { useAuthedImageUrl } from '../uploads';
import { avatarColor } from './colors';

interface UserAvatarProps extends Pick<AvatarProps, 'size'> {
  userId: number;
  name: string;
  avatarUrl: string | null | undefined;
  /** A local picture to show instead (the Profile dialog's preview). */
  previewUrl?: string | null;
}

/**
 * The person's picture, or their initials on their colour while it loads, when it
 * fails, and when they have none. Decorative: their name is always written beside it.
 */
export function UserAvatar({ userId, name, avatarUrl, previewUrl, size = 32 }: UserAvatarProps) {
  // The picture needs the access token (<img src> cannot send it): fetched as a blob.
  const image = useAuthedImageUrl(previewUrl ? null : (avatarUrl ?? null));
  return (
    <Avatar
      src={previewUrl ?? image.url}
      size={size}
      radius="xl"
      name={name}
      color={avatarColor(userId)}
      aria-hidden
      data-avatar={previewUrl || image.url ? 'image' : 'initials'}
    />
  );
}
