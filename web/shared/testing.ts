// Helpers for component tests (happy-dom): a fake fetch routed by "METHOD /path".
import { act } from 'preact/test-utils';
import { vi } from 'vitest';

export interface Recorded {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
}

export type Route = (call: Recorded) => Response;

export function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/problem+json' },
  });
}

/** Stubs global fetch; unknown routes answer 404. /api/antiforgery is answered for you. */
export function fakeFetch(routes: Record<string, Route>): Recorded[] {
  const calls: Recorded[] = [];
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
    const call: Recorded = {
      method: init?.method ?? 'GET',
      url: String(input),
      headers: { ...(init?.headers as Record<string, string>) },
      body: init?.body ? JSON.parse(String(init.body)) : undefined,
    };
    calls.push(call);
    if (call.url === '/api/antiforgery') {
      return json(200, { requestToken: 't', headerName: 'X-CSRF-TOKEN' });
    }
    const route = routes[`${call.method} ${call.url}`];
    return route ? route(call) : json(404, { title: 'Not Found' });
  });
  return calls;
}

/** Types into a field and lets Preact re-render, as a real browser would between events. */
export function type(input: HTMLInputElement, value: string): void {
  act(() => {
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

export function press(target: Element, key: string): void {
  act(() => {
    target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
  });
}

export function click(element: HTMLElement): void {
  act(() => element.click());
}

export function byLabel(root: ParentNode, label: string): HTMLInputElement {
  for (const element of root.querySelectorAll('label')) {
    if (element.textContent?.trim() === label) {
      const input = document.getElementById(element.htmlFor);
      if (input) return input as HTMLInputElement;
    }
  }
  const aria = root.querySelector(`[aria-label="${label}"]`);
  if (aria) return aria as HTMLInputElement;
  throw new Error(`No field labelled ${label}`);
}

export function button(root: ParentNode, name: string): HTMLButtonElement {
  const found = Array.from(root.querySelectorAll('button')).find(
    (b) => b.textContent?.trim() === name,
  );
  if (!found) throw new Error(`No button ${name}`);
  return found;
}
