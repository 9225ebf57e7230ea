import type { PushSubscriptionCreate } from './generated';
import { removePushSubscription, savePushSubscription } from './notifications';

/**
 * This browser's Web Push subscription (the service worker shows pushes: src/sw.ts). The
 * server pushes only while none of my tabs has a socket open, so pushes and the page's
 * own notifications never both fire for one message.
 */

/** A base64url VAPID key (GET /api/config `push_public_key`) as the bytes subscribe() takes. */
export function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = base64url.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(base64url.length / 4) * 4, '=');
  const binary = atob(base64);
  const bytes = new Uint8Array(new ArrayBuffer(binary.length));
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

function sameKey(a: ArrayBuffer | null | undefined, b: Uint8Array): boolean {
  if (!a || a.byteLength !== b.byteLength) return false;
  const view = new Uint8Array(a);
  return view.every((byte, index) => byte === b[index]);
}

/** What the server stores of a subscription; null when the browser left out a key. */
export function subscriptionBody(json: PushSubscriptionJSON): PushSubscriptionCreate | null {
  const { endpoint, keys } = json;
  if (!endpoint || !keys?.p256dh || !keys.auth) return null;
  return { endpoint, keys: { p256dh: keys.p256dh, auth: keys.auth } };
}

/** The worker's registration, or null where there is none (development, an old browser). */
async function registration(): Promise<ServiceWorkerRegistration | null> {
  if (!('serviceWorker' in navigator) || !('PushManager' in window)) return null;
  return (await navigator.serviceWorker.getRegistration()) ?? null;
}

async function save(subscription: PushSubscription): Promise<void> {
  const body = subscriptionBody(subscription.toJSON());
  if (body) await savePushSubscription(body);
}

/**
 * Subscribes with the server's key (again if it changed) and tells the server; also at
 * start-up, so a server that dropped the subscription (410 from its push service) learns it back.
 */
export async function enablePush(publicKey: string): Promise<void> {
  const worker = await registration();
  if (!worker) return;
  const key = keyBytes(publicKey);
  let subscription = await worker.pushManager.getSubscription();
  if (subscription && !sameKey(subscription.options.applicationServerKey, key)) {
    await subscription.unsubscribe();
    subscription = null;
  }
  subscription ??= await worker.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key });
  await save(subscription);
}

/** The server first (while it still knows who asks), then the browser. */
export async function disablePush(): Promise<void> {
  const subscription = await (await registration())?.pushManager.getSubscription();
  if (!subscription) return;
  await removePushSubscription(subscription.endpoint).catch(() => undefined);
  await subscription.unsubscribe();
}

const SIGN_OUT_WAIT_MS = 3000;

/**
 * Sign-out: this device stops getting the account's pushes. Bounded, so signing out
 * offline still leaves at once (the browser's unsubscribe ends the pushes either way).
 */
export async function forgetPushDevice(): Promise<void> {
  await Promise.race([
    disablePush().catch(() => undefined),
    new Promise<void>((resolve) => setTimeout(resolve, SIGN_OUT_WAIT_MS)),
  ]);
}
