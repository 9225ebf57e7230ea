// Mantine colours that keep white-on-light initials readable in both schemes.
const PALETTE = [
  'blue',
  'cyan',
  'grape',
  'green',
  'indigo',
  'lime',
  'orange',
  'pink',
  'red',
  'teal',
  'violet',
  'yellow',
];

/** A person's colour follows their id, so it never changes when they rename themselves. */
export function avatarColor(userId: number): string {
  return PALETTE[Math.abs(userId) % PALETTE.length] ?? 'gray';
}
