import { READ_DEBOUNCE_MS, ReadSender } from './readSender';

function deferred() {
  let resolve: () => void = () => undefined;
  let reject: (error: Error) => void = () => undefined;
  const promise = new Promise<void>((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  return { promise, resolve, reject };
}

describe('ReadSender', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('batches the moves of a debounce into one request for the highest', () => {
    const send = vi.fn(() => Promise.resolve());
    const sender = new ReadSender(send, 10);
    sender.mark(11);
    sender.mark(14);
    sender.mark(12);
    expect(send).not.toHaveBeenCalled();
    vi.advanceTimersByTime(READ_DEBOUNCE_MS);
    expect(send).toHaveBeenCalledTimes(1);
    expect(send).toHaveBeenCalledWith(14, false);
  });

  it('never sends a marker at or below where it started', () => {
    const send = vi.fn(() => Promise.resolve());
    const sender = new ReadSender(send, 10);
    sender.mark(9);
    sender.mark(10);
    vi.advanceTimersByTime(READ_DEBOUNCE_MS);
    sender.flush();
    expect(send).not.toHaveBeenCalled();
  });

  it('keeps one request in flight and sends what moved meanwhile after it', async () => {
    const first = deferred();
    const send = vi.fn().mockReturnValueOnce(first.promise).mockResolvedValue(undefined);
    const sender = new ReadSender(send, 0);
    sender.mark(5);
    vi.advanceTimersByTime(READ_DEBOUNCE_MS);
    sender.mark(9);
    vi.advanceTimersByTime(READ_DEBOUNCE_MS * 3);
    expect(send).toHaveBeenCalledTimes(1);
    first.resolve();
    await vi.runAllTimersAsync();
    expect(send).toHaveBeenCalledTimes(2);
    expect(send).toHaveBeenLastCalledWith(9, false);
  });

  it('does not retry a failure in a loop, but tries again on the next move', async () => {
    const send = vi.fn().mockRejectedValueOnce(new Error('offline')).mockResolvedValue(undefined);
    const sender = new ReadSender(send, 0);
    sender.mark(5);
    await vi.runAllTimersAsync();
    expect(send).toHaveBeenCalledTimes(1);
    sender.mark(6);
    await vi.runAllTimersAsync();
    expect(send).toHaveBeenCalledTimes(2);
    expect(send).toHaveBeenLastCalledWith(6, false);
  });

  it('sends what waits at once when leaving, as a request that outlives the page', () => {
    const send = vi.fn(() => Promise.resolve());
    const sender = new ReadSender(send, 0);
    sender.mark(7);
    sender.leave();
    expect(send).toHaveBeenCalledWith(7, true);
    vi.advanceTimersByTime(READ_DEBOUNCE_MS);
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('flushes a pending move when the room is left', () => {
    const send = vi.fn(() => Promise.resolve());
    const sender = new ReadSender(send, 0);
    sender.mark(3);
    sender.flush();
    expect(send).toHaveBeenCalledWith(3, false);
  });
});
