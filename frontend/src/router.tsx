import { createBrowserRouter } from 'react-router';

import { ForgotPasswordPage, InvitePage, ResetPasswordPage } from './features/account';
import { AdminPage } from './features/admin';
import { GuestOnly, LoginPage, RequireAuth, SignupPage } from './features/auth';
import { ChatPage } from './features/chat';
import { PeoplePage } from './features/directs';
import { SearchPage } from './features/search';
import { AppLayout, HomePage, NotFoundPage } from './features/shell';

export const router = createBrowserRouter([
  // Open to both: a guest signs up with the link, someone signed in joins its room.
  { path: '/invite/:token', element: <InvitePage /> },
  // Whoever has the link an admin handed over, signed in or not.
  { path: '/reset/:token', element: <ResetPasswordPage /> },
  {
    element: <GuestOnly />,
    children: [
      { path: '/login', element: <LoginPage /> },
      { path: '/signup', element: <SignupPage /> },
      { path: '/forgot', element: <ForgotPasswordPage /> },
    ],
  },
  {
    element: <RequireAuth />,
    children: [
      {
        element: <AppLayout />,
        children: [
          { index: true, element: <HomePage /> },
          { path: 'rooms/:roomId', element: <ChatPage /> },
          { path: 'people', element: <PeoplePage /> },
          { path: 'search', element: <SearchPage /> },
          { path: 'admin', element: <AdminPage /> },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
