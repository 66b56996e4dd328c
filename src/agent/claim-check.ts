import type { AgentSettings } from './configuration';
import type { ChunkTexts } from './chunk-texts';
import type { AgentStateValue } from './state';
import type { RetrievedChunk, SkippedChunk } from './types';

/**
 * The claim check on the agent's state. The checkpoint a workflow carries (and Temporal stores
 * twice per step) holds each chunk's id and the few fields routing and citing need, never its
 * text or headings; a step reads those back by id before its node runs. Checkpoints carried
 * before this change still hold the texts: they are used as they are.
 */

/** The chunk fields a carried checkpoint keeps. */
type ChunkRef = Omit<RetrievedChunk, 'text' | 'headingPath'>;

function ref({ id, source, page, score }: RetrievedChunk): ChunkRef {
  return { id, source, page, score };
}

/** The checkpoint's channel values without chunk bodies: what a step hands back to the workflow. */
export function lightenValues(values: Record<string, unknown>): Record<string, unknown> {
  const chunks = values.chunks;
  if (!Array.isArray(chunks)) return values;
  return { ...values, chunks: (chunks as RetrievedChunk[]).map(ref) };
}

/** Typed as whole, a chunk of a carried checkpoint may lack its body. */
function hasBody(c: RetrievedChunk): boolean {
  const loose = c as Partial<RetrievedChunk>;
  return typeof loose.text === 'string' && Array.isArray(loose.headingPath);
}

export interface Hydrated {
  /** The state with every chunk's text, minus the chunks no longer stored. */
  state: AgentStateValue;
  /** What the step must write back when chunks were dropped (else empty). */
  update: { chunks?: RetrievedChunk[]; skipped?: SkippedChunk[] };
}

/**
 * Gives the state's chunks their texts again, in one read for all of them. A chunk deleted or
 * changed since it was retrieved (its id is a hash of its content) is dropped and noted in the
 * trace: the task goes on with what is left, as it would if the search had not found it.
 */
export async function hydrate(
  state: AgentStateValue,
  settings: AgentSettings,
  texts: ChunkTexts | undefined,
): Promise<Hydrated> {
  const missing = state.chunks.filter((c) => !hasBody(c));
  if (missing.length === 0) return { state, update: {} };
  if (!texts) throw new Error('the checkpoint carries chunk ids but this step has no chunk reader');
  const place = { tenant: settings.tenant, knowledgeBase: settings.knowledgeBase };
  const bodies = await texts.read(
    missing.map((c) => c.id),
    place,
  );
  const chunks: RetrievedChunk[] = [];
  const skipped: SkippedChunk[] = [];
  for (const c of state.chunks) {
    if (hasBody(c)) {
      chunks.push(c);
      continue;
    }
    const body = bodies.get(c.id);
    if (!body) {
      skipped.push({ id: c.id, source: c.source, reason: 'deleted or changed after retrieval' });
      continue;
    }
    const text = body.text.slice(0, settings.chunkTextChars);
    chunks.push({ ...ref(c), text, headingPath: body.headingPath });
  }
  return {
    state: { ...state, chunks },
    update: skipped.length ? { chunks, skipped } : {},
  };
}
