import { createUploader, UploadError } from './uploads';

/** Just enough of XMLHttpRequest for the uploader; each test drives it by hand. */
class FakeXhr {
  static all: FakeXhr[] = [];
  method = '';
  url = '';
  headers: Record<string, string> = {};
  body: unknown = null;
  status = 0;
  responseText = '';
  aborted = false;
  upload: { onprogress: ((event: ProgressEvent) => void) | null } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;

  constructor() {
    FakeXhr.all.push(this);
  }
  open(method: string, url: string): void {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string): void {
    this.headers[name] = value;
  }
  send(body: unknown): void {
    this.body = body;
  }
  abort(): void {
    this.aborted = true;
    this.onabort?.();
  }
  progress(loaded: number, total: number): void {
    this.upload.onprogress?.({ lengthComputable: true, loaded, total } as ProgressEvent);
  }
  respond(status: number, body: unknown): void {
    this.status = status;
    this.responseText = typeof body === 'string' ? body : JSON.stringify(body);
    this.onload?.();
  }
}

const UPLOAD = {
  id: 'a'.repeat(32),
  room_id: 7,
  uploader_id: 1,
  message_id: null,
  name: 'cat.png',
  size: 4,
  mime: 'image/png',
  status: 'pending',
  failure_reason: null,
  width: null,
  height: null,
  has_thumbnail: false,
  created_at: '2026-01-01T00:00:00Z',
};

function setup(token: string | null = 'tok-1', refreshed: string | null = 'tok-2') {
  FakeXhr.all = [];
  let current = token;
  const refresh = vi.fn(() => {
    current = refreshed;
    return Promise.resolve(refreshed);
  });
  const upload = createUploader({
    getToken: () => current,
    refresh,
    createXhr: () => new FakeXhr() as unknown as XMLHttpRequest,
    baseUrl: 'http://test',
  });
  return { upload, refresh };
}

const file = () => new File(['data'], 'cat.png', { type: 'image/png' });
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('createUploader', () => {
  it('posts the file with the bearer token and reports progress', async () => {
    const { upload } = setup();
    const onProgress = vi.fn();
    const done = upload(7, file(), { onProgress });
    const xhr = FakeXhr.all[0]!;
    expect(xhr.method).toBe('POST');
    expect(xhr.url).toBe('http://test/api/rooms/7/uploads');
    expect(xhr.headers.Authorization).toBe('Bearer tok-1');
    expect((xhr.body as FormData).get('file')).toBeInstanceOf(File);
    xhr.progress(25, 100);
    xhr.progress(100, 100);
    expect(onProgress.mock.calls.map(([value]) => value as number)).toEqual([0.25, 1]);
    xhr.respond(202, UPLOAD);
    await expect(done).resolves.toMatchObject({ id: UPLOAD.id, status: 'pending' });
  });

  it.each([
    [413, 'tooLarge'],
    [415, 'unsupportedType'],
    [422, 'invalid'],
    [403, 'forbidden'],
    [500, 'server'],
  ])('maps HTTP %i to %s', async (status, kind) => {
    const { upload } = setup();
    const done = upload(7, file());
    FakeXhr.all[0]!.respond(status, { detail: 'nope', code: 'x' });
    const error = await done.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UploadError);
    expect(error).toMatchObject({ kind, status, message: 'nope' });
  });

  it('refreshes the token once on 401 and sends the file again', async () => {
    const { upload, refresh } = setup();
    const done = upload(7, file());
    FakeXhr.all[0]!.respond(401, { detail: 'expired' });
    await flush();
    expect(refresh).toHaveBeenCalledTimes(1);
    const second = FakeXhr.all[1]!;
    expect(second.headers.Authorization).toBe('Bearer tok-2');
    second.respond(202, UPLOAD);
    await expect(done).resolves.toMatchObject({ id: UPLOAD.id });
  });

  it('gives up after one retry when the server still says 401', async () => {
    const { upload, refresh } = setup();
    const done = upload(7, file());
    FakeXhr.all[0]!.respond(401, {});
    await flush();
    FakeXhr.all[1]!.respond(401, {});
    await expect(done).rejects.toMatchObject({ kind: 'unauthorized' });
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(FakeXhr.all).toHaveLength(2);
  });

  it('reports a signed-out refresh as unauthorized without a second request', async () => {
    const { upload } = setup('tok-1', null);
    const done = upload(7, file());
    FakeXhr.all[0]!.respond(401, {});
    await expect(done).rejects.toMatchObject({ kind: 'unauthorized' });
    expect(FakeXhr.all).toHaveLength(1);
  });

  it('reports network failures and aborts', async () => {
    const { upload } = setup();
    const failed = upload(7, file());
    FakeXhr.all[0]!.onerror?.();
    await expect(failed).rejects.toMatchObject({ kind: 'network' });

    const controller = new AbortController();
    const aborted = upload(7, file(), { signal: controller.signal });
    controller.abort();
    await expect(aborted).rejects.toMatchObject({ kind: 'aborted' });
    expect(FakeXhr.all[1]!.aborted).toBe(true);
  });
});
