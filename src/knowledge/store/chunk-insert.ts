import type { Collection } from 'weaviate-client';
import type { ChunkObject, ChunkProperties } from './chunks';
import { VECTOR_NAME } from './schema-definitions';
import { statusOf } from './weaviate-values';

/** Objects per insertMany call. */
export const INSERT_BATCH_SIZE = 200;
/** insertMany calls in flight at once. */
const CONCURRENT_BATCHES = 4;
/** Up to this many objects go in as single inserts. */
const SMALL_INSERT = 8;

/**
 * Writes chunk objects. weaviate-client 3.14 serializes an insertMany one timer tick per object
 * and then polls for completion every 500 ms, so each call costs at least half a second whatever
 * Weaviate does: a few objects go in as parallel single inserts, many as concurrent batches.
 */
export async function insertChunks(
  chunks: Collection<ChunkProperties>,
  objects: ChunkObject[],
): Promise<void> {
  if (objects.length <= SMALL_INSERT) {
    await Promise.all(objects.map((o) => insertOne(chunks, o)));
    return;
  }
  const batches: ChunkObject[][] = [];
  for (let i = 0; i < objects.length; i += INSERT_BATCH_SIZE) {
    batches.push(objects.slice(i, i + INSERT_BATCH_SIZE));
  }
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < batches.length) await insertBatch(chunks, batches[next++]);
  };
  await Promise.all(Array.from({ length: CONCURRENT_BATCHES }, worker));
}

async function insertBatch(
  chunks: Collection<ChunkProperties>,
  batch: ChunkObject[],
): Promise<void> {
  const result = await chunks.data.insertMany(batch.map(toDataObject));
  if (!result.hasErrors) return;
  const [index, first] = Object.entries(result.errors)[0] ?? [];
  const source = batch[Number(index)]?.properties.source ?? '?';
  throw new Error(`inserting chunks of ${source}: ${first?.message ?? 'unknown error'}`);
}

async function insertOne(chunks: Collection<ChunkProperties>, object: ChunkObject): Promise<void> {
  try {
    await chunks.data.insert(toDataObject(object));
  } catch (err) {
    // Ids derive from content: an id written meanwhile (a retried attempt) holds this very chunk.
    if (statusOf(err) === 422 && /already exists/i.test(String(err))) return;
    throw new Error(`inserting a chunk of ${object.properties.source}: ${String(err)}`);
  }
}

function toDataObject(o: ChunkObject) {
  return { id: o.id, properties: o.properties, vectors: { [VECTOR_NAME]: o.vector } };
}
