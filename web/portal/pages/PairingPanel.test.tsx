import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { UserResponse } from '../../shared/contracts';
import { button, click, fakeFetch, json } from '../../shared/testing';
import { PairingPanel } from './PairingPanel';

const technician: UserResponse = {
  id: 'tech-1',
  displayName: 'Tom Tech',
  email: 't@example.com',
  role: 'Technician',
  disabled: false,
  mustChangePassword: false,
  createdAt: '2025-01-01T00:00:00Z',
};

let root: HTMLElement;

beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
});

afterEach(() => {
  render(null, root);
  root.remove();
  vi.unstubAllGlobals();
});

describe('PairingPanel', () => {
  it('shows the code, the QR image, the countdown and how to use them', async () => {
    let issued = 0;
    const calls = fakeFetch({
      'POST /api/pairing': () => {
        issued++;
        return json(200, {
          code: issued === 1 ? '123456' : '654321',
          qrSvg: '<svg xmlns="http://www.w3.org/2000/svg"/>',
          expiresAt: new Date(Date.now() + 299_500).toISOString(),
        });
      },
    });
    render(<PairingPanel technician={technician} onClose={() => {}} />, root);
    const code = () => root.querySelector('[data-testid="pairing-code"]')?.textContent;
    await vi.waitFor(() => expect(code()).toBe('123456'));

    const img = root.querySelector('img')!;
    expect(img.getAttribute('src')).toMatch(/^data:image\/svg\+xml;charset=utf-8,%3Csvg/);
    expect(root.querySelector('[data-testid="pairing-countdown"]')?.textContent).toBe('5:00');
    expect(root.textContent).toContain(`On the glasses open ${location.origin}/glass`);
    expect(calls.find((c) => c.url === '/api/pairing')?.body).toEqual({ technicianId: 'tech-1' });

    click(button(root, 'New code'));
    await vi.waitFor(() => expect(code()).toBe('654321'));
  });
});
