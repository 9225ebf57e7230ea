import { session } from '../../api';
import { clearStoredDrafts, loadDraft, saveDraft } from './drafts';

describe('drafts', () => {
  it('are kept per user and room, and an empty one is removed', () => {
    saveDraft(1, 7, 'hello');
    saveDraft(2, 7, 'other person');
    expect(loadDraft(1, 7)).toBe('hello');
    expect(loadDraft(1, 8)).toBe('');
    expect(loadDraft(2, 7)).toBe('other person');
    saveDraft(1, 7, '');
    expect(localStorage.getItem('parley.draft.1.7')).toBeNull();
  });

  it('clears only drafts', () => {
    localStorage.setItem('parley.other', 'kept');
    saveDraft(1, 7, 'hello');
    clearStoredDrafts();
    expect(loadDraft(1, 7)).toBe('');
    expect(localStorage.getItem('parley.other')).toBe('kept');
  });

  it('go when a signed-in session signs out', () => {
    session.signIn({ access_token: 't', expires_in: 900 });
    saveDraft(1, 7, 'private words');
    session.signOut();
    expect(loadDraft(1, 7)).toBe('');
  });
});
