import { unwrap } from './errors';
import { pushSubscribe, pushUnsubscribe, roomsSetNotifications } from './generated';
import type { NotificationSettings, NotificationUpdate, PushSubscriptionCreate } from './generated';

/** `level: null` goes back to the default for the kind of room. */
export const setRoomNotifications = (roomId: number, update: NotificationUpdate): Promise<NotificationSettings> =>
  unwrap(roomsSetNotifications({ path: { room_id: roomId }, body: update }));

/** Registering the same endpoint again only updates it, so this is safe to repeat. */
export const savePushSubscription = (subscription: PushSubscriptionCreate): Promise<unknown> =>
  unwrap(pushSubscribe({ body: subscription }));

export const removePushSubscription = (endpoint: string): Promise<unknown> =>
  unwrap(pushUnsubscribe({ body: { endpoint } }));
