import type { AntiforgeryTokenResponse, ProblemDetails } from './contracts';

/** A failed API call, carrying the server's ProblemDetails. */
export class ApiError extends Error {
  readonly status: number;
  readonly title: string;
  readonly detail: string | undefined;
  /** Field name (as the server sent it) -> messages. */
  readonly fieldErrors: Readonly<Record<string, readonly string[]>>;

  constructor(status: number, problem: ProblemDetails = {}) {
    const title = problem.title ?? `Request failed (HTTP ${status})`;
    super(problem.detail ?? title);
    this.name = 'ApiError';
    this.status = status;
    this.title = title;
    this.detail = problem.detail;
    this.fieldErrors = problem.errors ?? {};
  }

  /**
   * Messages for one field. Matches case-insensitively and ignores a prefix such as
   * "request.", because ASP.NET may write "Password", "password" or "request.Password".
   */
  errorsFor(field: string): readonly string[] {
    const wanted = field.toLowerCase();
    return Object.entries(this.fieldErrors)
      .filter(([key]) => key.toLowerCase().split('.').at(-1) === wanted)
      .flatMap(([, messages]) => messages);
  }

  /** The text to show for the whole form: the detail, else the title. */
  get summary(): string {
    return this.detail ?? this.title;
  }
}

/**
 * One sentence for the user about a failure. `shownFields` are the fields the page shows
 * next to their inputs; messages for any other field are added here so none is lost.
 */
export function describeError(error: unknown, shownFields: readonly string[] = []): string | null {
  if (!error) return null;
  if (!(error instanceof ApiError)) {
    return error instanceof Error ? error.message : 'Something went wrong.';
  }
  const shown = new Set(shownFields.map((f) => f.toLowerCase()));
  const other = Object.entries(error.fieldErrors)
    .filter(([key]) => !shown.has(key.toLowerCase().split('.').at(-1) ?? ''))
    .flatMap(([, messages]) => messages);
  const parts = [error.detail, ...other].filter((p): p is string => Boolean(p));
  if (parts.length > 0) return parts.join(' ');
  if (Object.keys(error.fieldErrors).length > 0) return 'Please correct the fields marked below.';
  return error.title;
}

/** The request could not reach the server at all. */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super('Cannot reach the server. Check the network connection.', { cause });
    this.name = 'NetworkError';
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ApiClientOptions {
  fetch?: typeof fetch;
}

// A successful call to these changes who the caller is, which invalidates the
// antiforgery token (ASP.NET binds it to the signed-in identity).
const identityChangingPath = /^\/api\/(setup$|auth\/|pairing\/claim$)/;

function isAntiforgeryFailure(problem: ProblemDetails): boolean {
  return /antiforgery/i.test(`${problem.title ?? ''} ${problem.detail ?? ''}`);
}

async function readBody(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined;
  const type = response.headers.get('content-type') ?? '';
  if (!/json/i.test(type)) return undefined;
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

export class ApiClient {
  private readonly fetchImpl: typeof fetch;
  private token: Promise<AntiforgeryTokenResponse> | undefined;

  constructor(options: ApiClientOptions = {}) {
    this.fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  }

  get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }
  post<T = void>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('POST', path, body);
  }
  put<T = void>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('PUT', path, body);
  }
  patch<T = void>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('PATCH', path, body);
  }
  delete<T = void>(path: string): Promise<T> {
    return this.request<T>('DELETE', path);
  }
  /** POSTs multipart/form-data (files); the browser sets the boundary. */
  upload<T>(path: string, form: FormData): Promise<T> {
    return this.request<T>('POST', path, form);
  }

  /** Forget the antiforgery token; the next state-changing call fetches a new one. */
  resetAntiforgery(): void {
    this.token = undefined;
  }

  private async request<T>(method: Method, path: string, body?: unknown): Promise<T> {
    const mutating = method !== 'GET';
    let response = await this.send(method, path, body, mutating);
    if (mutating && response.status === 400) {
      const problem = ((await readBody(response.clone())) ?? {}) as ProblemDetails;
      if (isAntiforgeryFailure(problem)) {
        this.resetAntiforgery();
        response = await this.send(method, path, body, true);
      }
    }
    const data = await readBody(response);
    if (!response.ok) {
      throw new ApiError(response.status, (data ?? {}) as ProblemDetails);
    }
    if (mutating && identityChangingPath.test(path)) this.resetAntiforgery();
    return data as T;
  }

  private async send(
    method: Method,
    path: string,
    body: unknown,
    withToken: boolean,
  ): Promise<Response> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (withToken) {
      const { headerName, requestToken } = await this.antiforgery();
      headers[headerName] = requestToken;
    }
    const form = body instanceof FormData;
    if (body !== undefined && !form) headers['Content-Type'] = 'application/json';
    try {
      return await this.fetchImpl(path, {
        method,
        headers,
        credentials: 'same-origin',
        body: body === undefined ? undefined : form ? body : JSON.stringify(body),
      });
    } catch (error) {
      throw new NetworkError(error);
    }
  }

  private antiforgery(): Promise<AntiforgeryTokenResponse> {
    if (!this.token) {
      const pending = this.get<AntiforgeryTokenResponse>('/api/antiforgery');
      // A failed fetch must not be cached, or every later call would fail too.
      pending.catch(() => {
        if (this.token === pending) this.token = undefined;
      });
      this.token = pending;
    }
    return this.token;
  }
}

/** The one client each app uses. */
export const api = new ApiClient();
