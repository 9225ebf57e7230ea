import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import type { ClientConfig, UploadOptions, UploadPublic } from '../../api';
import * as api from '../../api';
import type { RealtimeClient } from '../../realtime';
import { RealtimeContext } from '../../realtime/context';
import { RoomStore } from '../../realtime/store';
import { renderWithApp } from '../../test/render';
import { Composer } from '../chat/Composer';

vi.mock('../../api', async (importOriginal) => ({
  ...(await importOriginal<typeof api>()),
  fetchClientConfig: vi.fn(),
  uploadFile: vi.fn(),
  fetchUpload: vi.fn(),
}));

const config: ClientConfig = {
  max_upload_bytes: 25 * 1024 * 1024,
  allowed_upload_types: ['image/png', 'application/pdf'],
  max_message_length: 4000,
  send_rate_count: 10,
  send_rate_period_seconds: 5,
};

const uploaded: UploadPublic = {
  id: 'c'.repeat(32),
  room_id: 7,
  uploader_id: 1,
  message_id: null,
  name: 'cat.png',
  size: 4,
  mime: 'image/png',
  status: 'processing',
  failure_reason: null,
  width: null,
  height: null,
  has_thumbnail: false,
  created_at: '2026-11-23T20:00:00Z',
};

function renderComposer() {
  const client = { send: vi.fn(), typing: vi.fn(), holdForFiles: vi.fn(), releaseHeld: vi.fn(), store: new RoomStore() };
  renderWithApp(
    <RealtimeContext value={client as unknown as RealtimeClient}>
      <Composer roomId={7} roomName="general" locked={false} />
    </RealtimeContext>,
  );
  return client;
}

beforeEach(() => {
  vi.mocked(api.uploadFile).mockReset();
  vi.mocked(api.fetchClientConfig).mockResolvedValue(config);
  URL.createObjectURL = vi.fn(() => 'blob:preview');
  URL.revokeObjectURL = vi.fn();
});

describe('Composer attachments', () => {
  it('refuses a disallowed type at once, without uploading, and keeps Send disabled', async () => {
    renderComposer();
    await userEvent.upload(screen.getByTestId('attach-input'), new File(['MZ'], 'setup.exe', { type: 'application/x-msdownload' }));
    expect(await screen.findByText('setup.exe is not a supported type')).toBeInTheDocument();
    expect(api.uploadFile).not.toHaveBeenCalled();
    expect(screen.getByRole('button', { name: 'Send' })).toBeDisabled();
    await userEvent.click(screen.getByRole('button', { name: 'Remove setup.exe' }));
    expect(screen.queryByTestId('attachment-chip')).not.toBeInTheDocument();
  });

  it('refuses a file over the limit with the limit in words', async () => {
    renderComposer();
    const big = new File(['x'], 'scan.pdf', { type: 'application/pdf' });
    Object.defineProperty(big, 'size', { value: config.max_upload_bytes + 1 });
    await userEvent.upload(screen.getByTestId('attach-input'), big);
    expect(await screen.findByText('scan.pdf is larger than 25 MB')).toBeInTheDocument();
  });

  it('shows progress, allows Send once uploaded, and sends the upload id', async () => {
    let progress: ((fraction: number) => void) | undefined;
    let finish: ((upload: UploadPublic) => void) | undefined;
    vi.mocked(api.uploadFile).mockImplementation((_room: number, _file: File, options?: UploadOptions) => {
      progress = options?.onProgress;
      return new Promise((resolve) => {
        finish = resolve;
      });
    });
    const client = renderComposer();
    await userEvent.upload(screen.getByTestId('attach-input'), new File(['png!'], 'cat.png', { type: 'image/png' }));
    await waitFor(() => expect(api.uploadFile).toHaveBeenCalledWith(7, expect.any(File), expect.anything()));

    act(() => progress?.(0.5));
    expect(screen.getByRole('progressbar', { name: 'Uploading cat.png' })).toHaveAttribute('aria-valuenow', '50');

    act(() => finish?.(uploaded));
    expect(await screen.findByText('Processing…')).toBeInTheDocument();
    const send = screen.getByRole('button', { name: 'Send' });
    expect(send).toBeEnabled();

    // An `upload` frame moves the chip on.
    act(() => client.store.dispatch(7, { type: 'upload', upload: { ...uploaded, status: 'ready' } }));
    expect(screen.getByText('Ready to send')).toBeInTheDocument();

    await userEvent.click(send);
    expect(client.send).toHaveBeenCalledWith(7, '', [uploaded.id], null, expect.any(String));
    expect(screen.queryByTestId('attachment-chip')).not.toBeInTheDocument();
  });

  it('sends text typed while a file uploads once the file is up, with the file', async () => {
    let finish: ((upload: UploadPublic) => void) | undefined;
    vi.mocked(api.uploadFile).mockImplementation(
      () =>
        new Promise((resolve) => {
          finish = resolve;
        }),
    );
    const client = renderComposer();
    await userEvent.upload(screen.getByTestId('attach-input'), new File(['png!'], 'cat.png', { type: 'image/png' }));
    await waitFor(() => expect(api.uploadFile).toHaveBeenCalled());
    await userEvent.type(screen.getByRole('combobox', { name: 'Message' }), 'my cat{Enter}');

    // The text left the box and waits, said so; nothing went out without its file.
    expect(screen.getByRole('combobox', { name: 'Message' })).toHaveValue('');
    expect(screen.getByTestId('held-notice')).toHaveTextContent('Your message will be sent when the upload finishes');
    expect(client.send).not.toHaveBeenCalled();
    expect(screen.getByRole('button', { name: 'Send' })).toBeDisabled();
    // Kept with its file meanwhile: a tab closed now leaves both for the next page.
    expect(client.holdForFiles).toHaveBeenLastCalledWith(7, expect.any(String), 'my cat', null, [
      { file: expect.objectContaining({ name: 'cat.png' }) as unknown },
    ]);
    const clientId = vi.mocked(client.holdForFiles).mock.lastCall?.[1] as string;

    act(() => finish?.(uploaded));
    await waitFor(() =>
      expect(client.send).toHaveBeenCalledExactlyOnceWith(7, 'my cat', [uploaded.id], null, clientId),
    );
    expect(screen.queryByTestId('held-notice')).not.toBeInTheDocument();
  });

  it("gives a waiting message's text back on Don't send", async () => {
    vi.mocked(api.uploadFile).mockImplementation(() => new Promise(() => undefined));
    const client = renderComposer();
    await userEvent.upload(screen.getByTestId('attach-input'), new File(['png!'], 'cat.png', { type: 'image/png' }));
    await waitFor(() => expect(api.uploadFile).toHaveBeenCalled());
    await userEvent.type(screen.getByRole('combobox', { name: 'Message' }), 'oops{Enter}');
    await userEvent.click(screen.getByRole('button', { name: "Don't send" }));
    expect(screen.getByRole('combobox', { name: 'Message' })).toHaveValue('oops');
    expect(client.send).not.toHaveBeenCalled();
    const clientId = vi.mocked(client.holdForFiles).mock.lastCall?.[1] as string;
    expect(client.releaseHeld).toHaveBeenCalledWith(clientId);
  });

  it('offers Retry after a network failure', async () => {
    vi.mocked(api.uploadFile)
      .mockRejectedValueOnce(new api.UploadError('network', 0))
      .mockResolvedValueOnce(uploaded);
    renderComposer();
    await userEvent.upload(screen.getByTestId('attach-input'), new File(['png!'], 'cat.png', { type: 'image/png' }));
    expect(await screen.findByText("Couldn't upload cat.png. Check your connection.")).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('Processing…')).toBeInTheDocument();
    expect(api.uploadFile).toHaveBeenCalledTimes(2);
  });
});
