import { decodeCursor, encodeCursor } from '../../src/tasks/task-query';

describe('task-list cursors', () => {
  const token = new TextEncoder().encode('{"CloseTime":"2026-12-01T00:00:00Z","RunID":"r1"}');

  it('round-trips visibility’s page token, and stays null at the last page', () => {
    const cursor = encodeCursor(token)!;
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{8}$/);
    expect(decodeCursor(cursor)).toEqual(token);
    expect(encodeCursor(new Uint8Array())).toBeNull();
    expect(decodeCursor(undefined)).toBeUndefined();
  });

  it('refuses anything it did not issue before Temporal sees it', () => {
    const cursor = encodeCursor(token)!;
    const tampered = `A${cursor}`;
    for (const bad of ['abc', 'AAAA', '%%%', tampered, `${cursor}x`, `.${cursor.split('.')[1]}`])
      expect(() => decodeCursor(bad)).toThrow('cursor is not one this API returned');
  });
});
