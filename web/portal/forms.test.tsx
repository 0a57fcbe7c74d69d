import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { button, byLabel, click, fakeFetch, json, type } from '../shared/testing';
import { App } from './App';

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

function fieldError(label: string): string | null | undefined {
  const input = byLabel(root, label);
  const next = input.nextElementSibling;
  return next?.classList.contains('field-error') ? next.textContent : null;
}

describe('portal forms', () => {
  it('shows each server field error next to its field on the setup page', async () => {
    const calls = fakeFetch({
      'GET /api/setup': () => json(200, { needsSetup: true }),
      'POST /api/setup': () =>
        json(400, {
          title: 'One or more validation errors occurred.',
          status: 400,
          errors: {
            Password: ['Use at least 15 characters.'],
            Email: ['Enter a valid email address.'],
          },
        }),
    });
    render(<App />, root);
    await vi.waitFor(() => byLabel(root, 'Organisation name'));

    type(byLabel(root, 'Organisation name'), 'Acme');
    type(byLabel(root, 'Your name'), 'Ada');
    type(byLabel(root, 'Email'), 'nope');
    type(byLabel(root, 'Password'), 'short');
    type(byLabel(root, 'Confirm password'), 'short');
    click(button(root, 'Create organisation'));

    await vi.waitFor(() => expect(fieldError('Password')).toBe('Use at least 15 characters.'));
    expect(fieldError('Email')).toBe('Enter a valid email address.');
    expect(fieldError('Your name')).toBeNull();
    expect(byLabel(root, 'Password').getAttribute('aria-invalid')).toBe('true');
    expect(root.querySelector('[role="alert"]')?.textContent).toBe(
      'Please correct the fields marked below.',
    );
    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.body).toEqual({
      organizationName: 'Acme',
      adminName: 'Ada',
      email: 'nope',
      password: 'short',
    });
    expect(post.headers['X-CSRF-TOKEN']).toBe('t');
  });

  it('checks the confirmation before sending', async () => {
    const calls = fakeFetch({ 'GET /api/setup': () => json(200, { needsSetup: true }) });
    render(<App />, root);
    await vi.waitFor(() => byLabel(root, 'Password'));
    type(byLabel(root, 'Password'), 'a long enough passphrase');
    type(byLabel(root, 'Confirm password'), 'something else');
    click(button(root, 'Create organisation'));
    await vi.waitFor(() =>
      expect(fieldError('Confirm password')).toBe('The passwords do not match.'),
    );
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
  });

  it('shows the server detail in an alert when sign-in fails', async () => {
    fakeFetch({
      'GET /api/setup': () => json(200, { needsSetup: false }),
      'GET /api/auth/me': () => json(401, { title: 'Unauthorized', status: 401 }),
      'POST /api/auth/sign-in': () =>
        json(400, { title: 'Sign-in failed', detail: 'The email or password is incorrect.' }),
    });
    render(<App />, root);
    await vi.waitFor(() => button(root, 'Sign in'));
    type(byLabel(root, 'Email'), 'ada@example.com');
    type(byLabel(root, 'Password'), 'wrong');
    click(button(root, 'Sign in'));
    await vi.waitFor(() =>
      expect(root.querySelector('[role="alert"]')?.textContent).toBe(
        'The email or password is incorrect.',
      ),
    );
  });

  it('sends a user who must change their password to the change-password page', async () => {
    fakeFetch({
      'GET /api/setup': () => json(200, { needsSetup: false }),
      'GET /api/auth/me': () =>
        json(200, {
          id: '1',
          displayName: 'Ada',
          email: 'ada@example.com',
          role: 'Expert',
          isPlatformAdmin: false,
          organizationId: 'o',
          organizationName: 'Acme',
          mustChangePassword: true,
        }),
    });
    render(<App />, root);
    await vi.waitFor(() => button(root, 'Change password'));
    expect(byLabel(root, 'Current password')).toBeTruthy();
    expect(byLabel(root, 'New password')).toBeTruthy();
    expect(byLabel(root, 'Confirm new password')).toBeTruthy();
  });
});
