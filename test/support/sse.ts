export interface SseEvent {
  id?: string;
  event: string;
  data: unknown;
}

/** Reads a Server-Sent Events stream to its end (the server closes it when the task ends). */
export async function readEvents(
  url: string,
  headers: Record<string, string>,
): Promise<SseEvent[]> {
  const res = await fetch(url, { headers });
  if (res.status !== 200) throw new Error(`events: HTTP ${res.status} ${await res.text()}`);
  return parseEvents(await res.text());
}

export function parseEvents(text: string): SseEvent[] {
  const events: SseEvent[] = [];
  for (const block of text.split('\n\n')) {
    const lines = block.split('\n').filter((l) => l && !l.startsWith(':'));
    if (!lines.length) continue;
    const field = (name: string) =>
      lines.filter((l) => l.startsWith(`${name}: `)).map((l) => l.slice(name.length + 2));
    const data = field('data').join('\n');
    events.push({
      ...(field('id').length ? { id: field('id')[0] } : {}),
      event: field('event')[0] ?? 'message',
      data: data ? JSON.parse(data) : null,
    });
  }
  return events;
}

/**
 * Reads a stream to its end like readEvents, handing each event to `onEvent` as it arrives, so a
 * test can act while the task runs.
 */
export async function followEvents(
  url: string,
  headers: Record<string, string>,
  onEvent: (event: SseEvent) => void,
  signal?: AbortSignal,
): Promise<SseEvent[]> {
  const res = await fetch(url, { headers, signal });
  if (res.status !== 200 || !res.body)
    throw new Error(`events: HTTP ${res.status} ${await res.text()}`);
  const decoder = new TextDecoder();
  const events: SseEvent[] = [];
  let buffered = '';
  for await (const bytes of res.body) {
    buffered += decoder.decode(bytes as Uint8Array, { stream: true });
    const end = buffered.lastIndexOf('\n\n');
    if (end < 0) continue;
    for (const e of parseEvents(buffered.slice(0, end + 2))) {
      events.push(e);
      onEvent(e);
    }
    buffered = buffered.slice(end + 2);
  }
  events.push(...parseEvents(buffered));
  return events;
}
