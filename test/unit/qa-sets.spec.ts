import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { QA_KINDS, parseQaJsonl, type QaItem } from '../../src/eval/qa-items';

// The QA sets are written by hand; these checks catch the slips a hand makes (a reused id, a
// question copied into a second set, a PDF page on a Markdown source) before an eval run quietly
// measures the wrong thing. Whether keyphrases occur in their sources needs the shared corpus,
// which a clean clone does not have, so that is checked when a set is written.
const dir = join(__dirname, '../../bench/qa');
const files = [
  'quarry-dev.jsonl',
  'quarry-heldout-v2.jsonl',
  'quarry-heldout-v3.jsonl',
  'quarry-heldout-v4.jsonl',
  'quarry-heldout-v5.jsonl',
  'quarry-heldout-v6.jsonl',
  'quarry-heldout-v7.jsonl',
  'quarry-heldout-v8.jsonl',
  'quarry-heldout-v9.jsonl',
  'quarry-heldout-v10.jsonl',
  'quarry-heldout-v11.jsonl',
  'quarry-heldout-v12.jsonl',
  'quarry-heldout-v13.jsonl',
];
const sets = new Map(
  files.map((file) => [file, parseQaJsonl(readFileSync(join(dir, file), 'utf8'))] as const),
);
const all: QaItem[] = [...sets.values()].flat();

/** What is wrong with one item, as readable strings (none when it is well formed). */
function problems(item: QaItem): string[] {
  if (!item.answerable) {
    const ok = item.kind === 'none' && item.source === null && item.keyphrases.length === 0;
    return ok ? [] : [`${item.id}: unanswerable needs kind none, no source, no keyphrases`];
  }
  const found: string[] = [];
  if (item.kind === 'none') found.push(`${item.id}: answerable item of kind none`);
  if (item.keyphrases.length === 0) found.push(`${item.id}: no keyphrases`);
  const sources = item.sources ?? [item.source ?? ''];
  const pages = item.pages ?? sources.map(() => item.page);
  if (sources[0] !== item.source || pages[0] !== item.page) {
    found.push(`${item.id}: sources/pages do not start with source/page`);
  }
  if (pages.length !== sources.length) found.push(`${item.id}: one page per source needed`);
  if (item.kind === 'multi' && sources.length !== 2)
    found.push(`${item.id}: multi needs 2 sources`);
  sources.forEach((source, k) => {
    if ((pages[k] !== null) !== source.endsWith('.pdf')) {
      found.push(`${item.id}: ${source} must have a page exactly when it is the PDF`);
    }
  });
  return found;
}

describe('bench/qa sets', () => {
  it('never reuse an id or a question across files', () => {
    expect(new Set(all.map((i) => i.id)).size).toBe(all.length);
    const questions = all.map((i) => i.question.replace(/\s+/g, ''));
    expect(new Set(questions).size).toBe(questions.length);
  });

  it.each(files)('%s: every item is well formed and some are unanswerable', (file) => {
    const items = sets.get(file) ?? [];
    expect(items.flatMap(problems)).toEqual([]);
    expect(items.some((i) => !i.answerable)).toBe(true);
  });

  // v3 to v13 were each written blind as the held-out set (v13 still is); all eleven were written
  // to the same brief, so all keep its shape.
  it.each([
    ['quarry-heldout-v3.jsonl', /^h3-\d{3}$/],
    ['quarry-heldout-v4.jsonl', /^h4-\d{3}$/],
    ['quarry-heldout-v5.jsonl', /^h5-\d{3}$/],
    ['quarry-heldout-v6.jsonl', /^h6-\d{3}$/],
    ['quarry-heldout-v7.jsonl', /^h7-\d{3}$/],
    ['quarry-heldout-v8.jsonl', /^h8-\d{3}$/],
    ['quarry-heldout-v9.jsonl', /^h9-\d{3}$/],
    ['quarry-heldout-v10.jsonl', /^h10-\d{3}$/],
    ['quarry-heldout-v11.jsonl', /^h11-\d{3}$/],
    ['quarry-heldout-v12.jsonl', /^h12-\d{3}$/],
    ['quarry-heldout-v13.jsonl', /^h13-\d{3}$/],
  ])('%s has at least 64 items of every kind, with 1-3 keyphrases an item', (file, idPattern) => {
    const set = sets.get(file) ?? [];
    expect(set.length).toBeGreaterThanOrEqual(64);
    expect(new Set(set.map((i) => i.kind))).toEqual(new Set(QA_KINDS));
    expect(set.filter((i) => i.keyphrases.length > 3).map((i) => i.id)).toEqual([]);
    expect(set.filter((i) => !idPattern.test(i.id)).map((i) => i.id)).toEqual([]);
  });
});
