import { QA_KINDS, type QaItem, type QaKind } from './qa-items';

export interface RetrievedHit {
  source: string;
  page: number | null;
}

export const RECALL_KS = [1, 3, 5, 10] as const;

export interface RetrievalReport {
  n: number;
  recall_at_1: number;
  recall_at_3: number;
  recall_at_5: number;
  recall_at_10: number;
}

/** Path match by whole segments: `a/b.pdf` matches `b.pdf` and `x/a/b.pdf`, not `ab.pdf`. */
export function sameSource(a: string, b: string): boolean {
  const pa = a
    .replace(/\\/g, '/')
    .replace(/^\.?\//, '')
    .split('/');
  const pb = b
    .replace(/\\/g, '/')
    .replace(/^\.?\//, '')
    .split('/');
  const [short, long] = pa.length <= pb.length ? [pa, pb] : [pb, pa];
  return short.every((seg, i) => seg === long[long.length - short.length + i]);
}

interface Target {
  source: string | null;
  page: number | null;
}

/** What an item asks to find: one (source, page), or several whose found fraction is the hit. */
export function targets(item: QaItem, peerMetric: boolean): Target[] {
  if (peerMetric) {
    const pages = item.pages ?? (item.page === null ? [] : [item.page]);
    return pages.map((page) => ({ source: null, page }));
  }
  if (item.pages?.length) {
    return item.pages.map((page, i) => ({ source: item.sources?.[i] ?? item.source, page }));
  }
  if (item.sources?.length) return item.sources.map((source) => ({ source, page: null }));
  return [{ source: item.source, page: item.page }];
}

function matches(target: Target, h: RetrievedHit): boolean {
  return (
    (target.source === null || sameSource(h.source, target.source)) &&
    (target.page === null || h.page === target.page)
  );
}

function found(target: Target, hits: RetrievedHit[]): boolean {
  return hits.some((h) => matches(target, h));
}

/** 1-based rank of the first hit from any of the item's targets; null when none is among them. */
export function firstRelevantRank(
  item: QaItem,
  hits: RetrievedHit[],
  peerMetric = false,
): number | null {
  const ts = targets(item, peerMetric);
  const i = hits.findIndex((h) => ts.some((t) => matches(t, h)));
  return i < 0 ? null : i + 1;
}

/** Whether a hit comes from one of the item's targets (a passage that answers it). */
export function isRelevantHit(item: QaItem, hit: RetrievedHit): boolean {
  return item.answerable && targets(item, false).some((t) => matches(t, hit));
}

/** Hit value of one item at k: 1/0, or the fraction of its targets found. */
export function hitAtK(item: QaItem, hits: RetrievedHit[], k: number, peerMetric = false): number {
  const ts = targets(item, peerMetric);
  if (ts.length === 0) return 0;
  const top = hits.slice(0, k);
  return ts.filter((t) => found(t, top)).length / ts.length;
}

/**
 * Items the retrieval metric counts: answerable ones with a question (and with --peer-metric, the
 * peer_counted ones).
 */
export function countedItems(items: QaItem[], peerMetric: boolean): QaItem[] {
  return items.filter(
    (i) => i.answerable && i.question.trim() !== '' && (!peerMetric || i.peer_counted === true),
  );
}

export function retrievalReport(
  results: { item: QaItem; hits: RetrievedHit[] }[],
  peerMetric = false,
): RetrievalReport {
  const n = results.length;
  const recall = (k: number) =>
    n === 0
      ? 0
      : round(results.reduce((sum, r) => sum + hitAtK(r.item, r.hits, k, peerMetric), 0) / n);
  return {
    n,
    recall_at_1: recall(1),
    recall_at_3: recall(3),
    recall_at_5: recall(5),
    recall_at_10: recall(10),
  };
}

/** recall@k per kind of question (kinds in a fixed order, only those measured). */
export function retrievalByKind(
  results: { item: QaItem; hits: RetrievedHit[] }[],
  peerMetric = false,
): Partial<Record<QaKind, RetrievalReport>> {
  const out: Partial<Record<QaKind, RetrievalReport>> = {};
  for (const kind of QA_KINDS) {
    const of = results.filter((r) => r.item.kind === kind);
    if (of.length) out[kind] = retrievalReport(of, peerMetric);
  }
  return out;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
