export const maxNameLength = 60;

// Control characters and invisible format characters (e.g. right-to-left overrides), as the server refuses.
const forbidden = /[\p{Cc}\p{Cf}]/u;

/** Every problem with a guest's name, in the server's words (GuestJoin.NameProblems). */
export function nameProblems(name: string): string[] {
  const trimmed = name.trim();
  const problems: string[] = [];
  if (trimmed.length === 0) problems.push('Enter your name.');
  if (trimmed.length > maxNameLength)
    problems.push(`Use at most ${maxNameLength} characters for your name.`);
  if (forbidden.test(trimmed))
    problems.push('Remove control and invisible characters from your name.');
  return problems;
}
