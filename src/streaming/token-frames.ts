import { createHash } from 'node:crypto';
import type { TokenEvent } from './token-channel';

/**
 * PostgreSQL refuses a NOTIFY payload of 8000 bytes or more; frames stay under this, with room
 * for a server built with a smaller limit's rounding.
 */
export const MAX_FRAME_BYTES = 7900;

/**
 * The channel a task's tokens travel on. A channel per task (rather than one for all) means an API
 * process receives only the tokens of tasks it has a stream open for. Channel names are
 * identifiers of at most 63 bytes while task ids are free text, hence the digest; the frame
 * still names its task, so a digest collision cannot mix two tasks' tokens.
 */
export function channelFor(task: string): string {
  return `quarry_tokens_${createHash('sha1').update(task).digest('hex')}`;
}

export function encodeFrame(event: TokenEvent): string {
  const { task, node, draft, text } = event;
  return JSON.stringify({ task, node, draft, text });
}

/** The frame's event, or undefined for anything that is not one (another sender's NOTIFY). */
export function decodeFrame(payload: string | undefined): TokenEvent | undefined {
  if (!payload) return undefined;
  try {
    const v = JSON.parse(payload) as Record<string, unknown>;
    const { task, node, draft, text } = v;
    if ([task, node, draft, text].every((f) => typeof f === 'string'))
      return { task, node, draft, text } as TokenEvent;
  } catch {
    // not ours
  }
  return undefined;
}

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');
/** What a character adds to a JSON string in UTF-8 (escapes included). */
const escapedBytes = (ch: string) => bytes(JSON.stringify(ch)) - 2;

/**
 * Cuts an event's text into frames each under `limit` bytes once encoded, never inside a
 * character. Returns none when even an empty text would not fit (an absurdly long task id).
 */
export function splitEvent(event: TokenEvent, limit = MAX_FRAME_BYTES): TokenEvent[] {
  const room = limit - bytes(encodeFrame({ ...event, text: '' }));
  if (room < 8) return [];
  const out: TokenEvent[] = [];
  let text = '';
  let used = 0;
  for (const ch of event.text) {
    const size = escapedBytes(ch);
    if (used + size > room) {
      out.push({ ...event, text });
      text = '';
      used = 0;
    }
    text += ch;
    used += size;
  }
  if (text) out.push({ ...event, text });
  return out;
}

/**
 * Joins consecutive tokens of the same draft into frames: one NOTIFY per few tokens rather than
 * per token, each frame under the payload limit, order kept.
 */
export class FrameBatcher {
  private frames: TokenEvent[] = [];

  constructor(private readonly limit = MAX_FRAME_BYTES) {}

  /** How many frames wait; the last one may still grow. */
  get size(): number {
    return this.frames.length;
  }

  push(event: TokenEvent): void {
    const last = this.frames.at(-1);
    if (
      last &&
      last.task === event.task &&
      last.node === event.node &&
      last.draft === event.draft &&
      bytes(encodeFrame({ ...last, text: last.text + event.text })) < this.limit
    ) {
      last.text += event.text;
      return;
    }
    this.frames.push(...splitEvent(event, this.limit));
  }

  /** The frames so far, in order; the batcher starts empty again. */
  take(): TokenEvent[] {
    const frames = this.frames;
    this.frames = [];
    return frames;
  }
}
