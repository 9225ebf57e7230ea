import { lazy, Suspense } from 'react';

import { FullPageLoader } from '../../components/FullPageLoader';

// Most people never open /admin: its code (and the moderation screens it uses) is fetched
// on the way there, not on every first load.
const AdminPageContent = lazy(() => import('./AdminPage').then((module) => ({ default: module.AdminPage })));

export function AdminPage() {
  return (
    <Suspense fallback={<FullPageLoader />}>
      <AdminPageContent />
    </Suspense>
  );
}
