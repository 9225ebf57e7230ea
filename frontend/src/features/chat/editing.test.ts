import { createEditingStore } from './editing';

describe('editing store', () => {
  it('edits one message at a time and hands the caret back when that edit ends', () => {
    const store = createEditingStore();
    const composer = document.createElement('textarea');
    document.body.append(composer);
    const listener = vi.fn();
    store.subscribe(listener);

    store.start(5, composer);
    expect(store.current()).toBe(5);
    store.stop(4); // a late save of another message does not end this edit
    expect(store.current()).toBe(5);
    store.stop(5);
    expect(store.current()).toBeNull();
    expect(document.activeElement).toBe(composer);
    expect(listener).toHaveBeenCalledTimes(2);
    composer.remove();
  });
});
