export { fetchMe, logIn, logOut, restoreSession, signUp } from './auth';
export type { Credentials } from './auth';
export { session } from './client';
export { ApiError } from './errors';
export type { FieldProblem } from './errors';
export type { AuthStatus } from './session';
export type { UserCreate, UserPublic } from './generated';
