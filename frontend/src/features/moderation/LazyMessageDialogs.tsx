import { lazy, type ComponentProps, Suspense } from 'react';

// The delete and report dialogs are opened from a message's menu now and then; their code
// waits until the first time (the chat screen mounts them only while one is open).
const MessageDialogsContent = lazy(() =>
  import('./MessageDialogs').then((module) => ({ default: module.MessageDialogs })),
);

export function MessageDialogs(props: ComponentProps<typeof MessageDialogsContent>) {
  return (
    <Suspense fallback={null}>
      <MessageDialogsContent {...props} />
    </Suspense>
  );
}
