import { act, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import * as api from '../../api';
import { renderWithApp } from '../../test/render';
import { ProfileDialog } from './ProfileDialog';

vi.mock('../../api', async (importOriginal) => ({
  ...(await importOriginal<typeof api>()),
  fetchClientConfig: vi.fn(),
  updateDisplayName: vi.fn(),
  uploadAvatar: vi.fn(),
  removeAvatar: vi.fn(),
}));

const me: api.UserPublic = {
  id: 1,
  username: 'alice',
  display_name: 'Alice',
  role: 'user',
  created_at: '2026-12-01T00:00:00Z',
  avatar_url: null,
};

function png(name = 'me.png', size = 10): File {
  return new File([new Uint8Array(size)], name, { type: 'image/png' });
}

describe('ProfileDialog', () => {
  beforeEach(() => {
    URL.createObjectURL = vi.fn(() => 'blob:preview');
    URL.revokeObjectURL = vi.fn();
    vi.mocked(api.fetchClientConfig).mockResolvedValue({
      max_upload_bytes: 1024,
      allowed_upload_types: ['image/png', 'image/jpeg', 'application/pdf'],
      max_message_length: 4000,
      send_rate_count: 10,
      send_rate_period_seconds: 5,
    });
    vi.mocked(api.updateDisplayName).mockReset();
    vi.mocked(api.uploadAvatar).mockReset();
  });

  it('previews the picture, then saves the name and uploads it with progress', async () => {
    vi.mocked(api.updateDisplayName).mockResolvedValue({ ...me, display_name: 'Ally' });
    let report: ((fraction: number) => void) | undefined;
    let finish: ((user: api.UserPublic) => void) | undefined;
    vi.mocked(api.uploadAvatar).mockImplementation((_file, options) => {
      report = options?.onProgress;
      return new Promise((resolve) => (finish = resolve));
    });
    const onClose = vi.fn();
    renderWithApp(<ProfileDialog opened onClose={onClose} user={me} />);

    await userEvent.upload(screen.getByLabelText('Choose picture'), png());
    expect(await screen.findByText('Preview: saved when you press Save.')).toBeInTheDocument();
    const name = screen.getByLabelText(/Display name/);
    await userEvent.clear(name);
    await userEvent.type(name, 'Ally');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));

    await vi.waitFor(() => expect(api.uploadAvatar).toHaveBeenCalled());
    expect(api.updateDisplayName).toHaveBeenCalledWith('Ally');
    act(() => report?.(0.5));
    expect(await screen.findByRole('progressbar', { name: 'Uploading picture' })).toBeInTheDocument();
    act(() => finish?.({ ...me, display_name: 'Ally', avatar_url: '/api/users/1/avatar/k' }));
    await vi.waitFor(() => expect(onClose).toHaveBeenCalled());
  });

  it('refuses a file that is not an image or too big before sending it', async () => {
    renderWithApp(<ProfileDialog opened onClose={() => undefined} user={me} />);
    await screen.findByLabelText('Choose picture');
    await vi.waitFor(() => expect(api.fetchClientConfig).toHaveBeenCalled());
    const pdf = new File([new Uint8Array(10)], 'cv.pdf', { type: 'application/pdf' });
    await userEvent.upload(screen.getByLabelText('Choose picture'), pdf, { applyAccept: false });
    expect(await screen.findByRole('alert')).toHaveTextContent('Choose a PNG, JPEG, GIF or WebP image');
    await userEvent.upload(screen.getByLabelText('Choose picture'), png('big.png', 4096));
    expect(await screen.findByRole('alert')).toHaveTextContent('The picture is larger than');
    expect(api.uploadAvatar).not.toHaveBeenCalled();
  });

  it("shows the server's refusals: a bad name on the field, a bad image above it", async () => {
    vi.mocked(api.updateDisplayName).mockRejectedValue(new api.ApiError({ status: 422 }));
    renderWithApp(<ProfileDialog opened onClose={() => undefined} user={me} />);
    const name = await screen.findByLabelText(/Display name/);
    await userEvent.type(name, '!');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText(/This name can't be used/)).toBeInTheDocument();

    vi.mocked(api.uploadAvatar).mockRejectedValue(new api.UploadError('invalid', 422, 'The image has too many pixels'));
    await userEvent.clear(name);
    await userEvent.type(name, 'Alice');
    await userEvent.upload(screen.getByLabelText('Choose picture'), png());
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByRole('alert')).toHaveTextContent("This image can't be used");
  });
});
