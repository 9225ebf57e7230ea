import type { UserPublic } from '../api';

/** The signed-in user a test's `ready` frame carries: one shape for every test. */
export function testUser(id = 1, overrides: Partial<UserPublic> = {}): Required<UserPublic> {
  return {
    id,
    username: `u${id}`,
    display_name: `U${id}`,
    role: 'user',
    created_at: '2026-11-23T14:00:00Z',
    avatar_url: null,
    read_receipts: false,
    locale: null,
    theme: null,
    email: null,
    ...overrides,
  };
}
