import { act, render, screen } from '@testing-library/react';

import * as api from '../../api';
import { useAuthedObjectUrl } from './useAuthedObjectUrl';

vi.mock('../../api', async (importOriginal) => ({
  ...(await importOriginal<typeof api>()),
  fetchUploadBlob: vi.fn(),
}));

function Probe({ id }: { id: string }) {
  const state = useAuthedObjectUrl(id, 'thumbnail');
  return <span data-testid="probe">{state.status === 'ready' ? state.url : state.status}</span>;
}

const revoke = vi.fn();

describe('useAuthedObjectUrl', () => {
  beforeEach(() => {
    revoke.mockReset();
    vi.useFakeTimers({ shouldAdvanceTime: true });
    let n = 0;
    URL.createObjectURL = vi.fn(() => `blob:${++n}`);
    URL.revokeObjectURL = revoke;
    vi.mocked(api.fetchUploadBlob).mockReset().mockResolvedValue(new Blob(['img']));
  });
  afterEach(() => vi.useRealTimers());

  it('fetches once per upload for every user, and revokes the URL after the last leaves', async () => {
    const { unmount } = render(
      <>
        <Probe id="u1" />
        <Probe id="u1" />
      </>,
    );
    expect(await screen.findAllByText('blob:1')).toHaveLength(2);
    expect(api.fetchUploadBlob).toHaveBeenCalledTimes(1);
    expect(api.fetchUploadBlob).toHaveBeenCalledWith('u1', 'thumbnail');

    unmount();
    expect(revoke).not.toHaveBeenCalled();
    act(() => {
      vi.advanceTimersByTime(31_000);
    });
    expect(revoke).toHaveBeenCalledWith('blob:1');
  });

  it('reports a failed fetch and tries again on the next mount', async () => {
    vi.mocked(api.fetchUploadBlob).mockRejectedValueOnce(new api.ApiError({ status: 404 }));
    const first = render(<Probe id="u2" />);
    expect(await screen.findByText('error')).toBeInTheDocument();
    first.unmount();
    render(<Probe id="u2" />);
    expect(await screen.findByText(/^blob:/)).toBeInTheDocument();
    expect(api.fetchUploadBlob).toHaveBeenCalledTimes(2);
  });
});
