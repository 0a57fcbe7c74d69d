import { describe, expect, it } from 'vitest';
import { ApiClient, ApiError, NetworkError } from './api';

interface Call {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
  credentials: RequestCredentials | undefined;
}

function json(status: number, body: unknown, type = 'application/json'): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': type } });
}

/** A fake server: answers /api/antiforgery with numbered tokens, everything else from `handler`. */
function fakeServer(handler: (call: Call, calls: Call[]) => Response) {
  const calls: Call[] = [];
  let tokens = 0;
  const fetchImpl: typeof fetch = async (input, init) => {
    const call: Call = {
      method: init?.method ?? 'GET',
      url: String(input),
      headers: { ...(init?.headers as Record<string, string>) },
      body:
        init?.body instanceof FormData
          ? init.body
          : init?.body
            ? JSON.parse(String(init.body))
            : undefined,
      credentials: init?.credentials,
    };
    calls.push(call);
    if (call.url === '/api/antiforgery') {
      tokens++;
      return json(200, { requestToken: `token-${tokens}`, headerName: 'X-CSRF-TOKEN' });
    }
    return handler(call, calls);
  };
  return { calls, client: new ApiClient({ fetch: fetchImpl }) };
}

describe('ApiClient', () => {
  it('GETs JSON with same-origin credentials and no antiforgery token', async () => {
    const { calls, client } = fakeServer(() => json(200, { needsSetup: true }));
    await expect(client.get('/api/setup')).resolves.toEqual({ needsSetup: true });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.credentials).toBe('same-origin');
    expect(calls[0]!.headers['X-CSRF-TOKEN']).toBeUndefined();
  });

  it('fetches the antiforgery token once and sends it on every state-changing call', async () => {
    const { calls, client } = fakeServer(() => new Response(null, { status: 204 }));
    await client.post('/api/users', { displayName: 'A' });
    await client.patch('/api/users/1', { disabled: true });
    await client.delete('/api/devices/1');
    const urls = calls.map((c) => `${c.method} ${c.url}`);
    expect(urls).toEqual([
      'GET /api/antiforgery',
      'POST /api/users',
      'PATCH /api/users/1',
      'DELETE /api/devices/1',
    ]);
    for (const call of calls.slice(1)) expect(call.headers['X-CSRF-TOKEN']).toBe('token-1');
    expect(calls[1]!.headers['Content-Type']).toBe('application/json');
    expect(calls[1]!.body).toEqual({ displayName: 'A' });
  });

  it('uploads form data with the antiforgery token and no JSON content type', async () => {
    const { calls, client } = fakeServer(() => json(201, { id: 'f1' }));
    const form = new FormData();
    form.append('file', new Blob(['x'], { type: 'image/png' }), 'a.png');
    await expect(client.upload('/api/calls/c1/files?kind=Photo', form)).resolves.toEqual({
      id: 'f1',
    });
    expect(calls[1]!.method).toBe('POST');
    expect(calls[1]!.headers['X-CSRF-TOKEN']).toBe('token-1');
    expect(calls[1]!.headers['Content-Type']).toBeUndefined();
    expect(calls[1]!.body).toBe(form);
  });

  it('uses the header name the server gives', async () => {
    const calls: Call[] = [];
    const client = new ApiClient({
      fetch: async (input, init) => {
        calls.push({
          method: init?.method ?? 'GET',
          url: String(input),
          headers: { ...(init?.headers as Record<string, string>) },
          body: undefined,
          credentials: init?.credentials,
        });
        return String(input) === '/api/antiforgery'
          ? json(200, { requestToken: 'abc', headerName: 'X-Other' })
          : new Response(null, { status: 204 });
      },
    });
    await client.post('/api/auth/sign-out');
    expect(calls[1]!.headers['X-Other']).toBe('abc');
  });

  it('throws ApiError with title, detail and field errors on 400', async () => {
    const { client } = fakeServer(() =>
      json(
        400,
        {
          title: 'One or more validation errors occurred.',
          status: 400,
          errors: { Password: ['Use at least 15 characters.'], 'request.Email': ['Bad email.'] },
        },
        'application/problem+json',
      ),
    );
    const error = await client.post('/api/setup', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    const apiError = error as ApiError;
    expect(apiError.status).toBe(400);
    expect(apiError.title).toBe('One or more validation errors occurred.');
    expect(apiError.detail).toBeUndefined();
    expect(apiError.errorsFor('password')).toEqual(['Use at least 15 characters.']);
    expect(apiError.errorsFor('Email')).toEqual(['Bad email.']);
    expect(apiError.errorsFor('adminName')).toEqual([]);
  });

  it('uses the detail as the message of a ProblemDetails error', async () => {
    const { client } = fakeServer(() =>
      json(
        401,
        { title: 'Unauthorized', detail: 'The email or password is incorrect.' },
        'application/problem+json',
      ),
    );
    const error = (await client.post('/api/auth/sign-in', {}).catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(401);
    expect(error.summary).toBe('The email or password is incorrect.');
    expect(error.message).toBe('The email or password is incorrect.');
  });

  it('describes an error without a body by its status', async () => {
    const { client } = fakeServer(() => new Response('oops', { status: 500 }));
    const error = (await client.get('/api/users').catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(500);
    expect(error.summary).toBe('Request failed (HTTP 500)');
  });

  it('re-fetches the token once and retries after an antiforgery 400', async () => {
    let attempts = 0;
    const { calls, client } = fakeServer(() => {
      attempts++;
      return attempts === 1
        ? json(400, { title: 'Antiforgery token validation failed.' })
        : json(200, { ok: true });
    });
    await expect(client.post('/api/users', {})).resolves.toEqual({ ok: true });
    expect(calls.map((c) => c.url)).toEqual([
      '/api/antiforgery',
      '/api/users',
      '/api/antiforgery',
      '/api/users',
    ]);
    expect(calls[3]!.headers['X-CSRF-TOKEN']).toBe('token-2');
  });

  it('retries an antiforgery failure only once', async () => {
    const { calls, client } = fakeServer(() => json(400, { title: 'Invalid antiforgery token' }));
    await expect(client.post('/api/users', {})).rejects.toBeInstanceOf(ApiError);
    expect(calls.filter((c) => c.url === '/api/users')).toHaveLength(2);
  });

  it('gets a fresh token after signing in', async () => {
    const { calls, client } = fakeServer(() => new Response(null, { status: 204 }));
    await client.post('/api/auth/sign-in', {});
    await client.post('/api/users', {});
    expect(calls.filter((c) => c.url === '/api/antiforgery')).toHaveLength(2);
    expect(calls.at(-1)!.headers['X-CSRF-TOKEN']).toBe('token-2');
  });

  it('wraps network failures in NetworkError', async () => {
    const client = new ApiClient({
      fetch: () => Promise.reject(new TypeError('Failed to fetch')),
    });
    await expect(client.get('/api/device/me')).rejects.toBeInstanceOf(NetworkError);
  });
});
