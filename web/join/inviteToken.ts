/**
 * Reads the invitation token from the URL fragment (/join#<token>) and removes it from the
 * address bar and the history entry. The fragment never reaches a server, so the token is in no
 * log and no Referer header; removing it keeps it out of bookmarks and shared screenshots.
 */
export function takeInviteToken(
  location: Pick<Location, 'hash' | 'pathname' | 'search'>,
  history: Pick<History, 'replaceState' | 'state'>,
): string | null {
  const raw = location.hash.startsWith('#') ? location.hash.slice(1) : location.hash;
  if (!raw) return null;
  history.replaceState(history.state, '', location.pathname + location.search);
  const token = raw.trim();
  return token.length > 0 ? token : null;
}
