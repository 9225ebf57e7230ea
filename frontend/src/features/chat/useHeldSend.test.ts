import { act, renderHook } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';

import { useHeldSend } from './useHeldSend';

describe('useHeldSend', () => {
  it('delivers a held message once nothing is uploading, once', () => {
    const deliver = vi.fn();
    const { result, rerender } = renderHook(
      (props: { waiting: boolean }) =>
        useHeldSend({ waiting: props.waiting, hasFiles: true, deliver }),
      { initialProps: { waiting: true } },
    );
    act(() => result.current.hold({ typed: 'look', body: 'look', clientId: 'c-1' }));
    expect(deliver).not.toHaveBeenCalled();
    expect(result.current.held?.typed).toBe('look');
    rerender({ waiting: false });
    expect(deliver).toHaveBeenCalledExactlyOnceWith('look', null, 'c-1');
    expect(result.current.held).toBeNull();
    rerender({ waiting: false });
    expect(deliver).toHaveBeenCalledTimes(1);
  });

  it('gives the text back on cancel and sends nothing', () => {
    const deliver = vi.fn();
    const { result, rerender } = renderHook(
      (props: { waiting: boolean }) =>
        useHeldSend({ waiting: props.waiting, hasFiles: true, deliver }),
      { initialProps: { waiting: true } },
    );
    act(() => result.current.hold({ typed: 'hi @Bob', body: 'hi <@2>', clientId: 'c-1' }));
    let back = null as ReturnType<typeof result.current.cancel>;
    act(() => {
      back = result.current.cancel();
    });
    expect(back).toEqual({ typed: 'hi @Bob', body: 'hi <@2>', clientId: 'c-1' });
    rerender({ waiting: false });
    expect(deliver).not.toHaveBeenCalled();
  });

  it('drops an empty message whose files were all removed', () => {
    const deliver = vi.fn();
    const { result, rerender } = renderHook(
      (props: { waiting: boolean; hasFiles: boolean }) =>
        useHeldSend({
          waiting: props.waiting,
          hasFiles: props.hasFiles,
          deliver,
        }),
      { initialProps: { waiting: true, hasFiles: false } },
    );
    act(() => result.current.hold({ typed: '', body: '', clientId: 'c-1' }));
    rerender({ waiting: false, hasFiles: false });
    expect(deliver).not.toHaveBeenCalled();
    expect(result.current.held).toBeNull();
  });

  it('asks before the tab closes while a message waits for its files, not after it went', () => {
    const closing = () => {
      const event = new Event('beforeunload', { cancelable: true });
      window.dispatchEvent(event);
      return event.defaultPrevented;
    };
    const { result, rerender } = renderHook(
      (props: { waiting: boolean }) => useHeldSend({ waiting: props.waiting, hasFiles: true, deliver: vi.fn() }),
      { initialProps: { waiting: true } },
    );
    expect(closing()).toBe(false);
    act(() => result.current.hold({ typed: 'look', body: 'look', clientId: 'c-1' }));
    expect(closing()).toBe(true);
    rerender({ waiting: false });
    expect(closing()).toBe(false);
  });
});
