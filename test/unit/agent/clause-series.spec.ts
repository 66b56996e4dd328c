import { DEFAULT_EXTRACTIVE_OPTIONS } from '../../../src/agent';
import { composeAnswer } from '../../../src/agent/extractive/compose';
import { chunkUnits } from '../../../src/agent/extractive/units';
import { chunk } from '../agent-fixtures';

const options = DEFAULT_EXTRACTIVE_OPTIONS;

describe('a series of clauses joined by ；', () => {
  it('keeps clauses joined by ；as one series beside the clauses themselves', () => {
    const line =
      '大模型面向三类用途：长时间的研究任务；需要多步推理的问题；以及一个观察运行情况的面板。';
    const units = chunkUnits(chunk('series', `${line}\n另一句话说明别的事情。`));
    const series = units.filter((u) => u.kind === 'series');
    expect(series.map((u) => u.text)).toEqual([line]);
    expect(units.map((u) => u.text)).toContain('需要多步推理的问题；');
    // Half a step after its first clause: the sentence after a clause is still at order + 1.
    const first = units.find((u) => u.text.startsWith('大模型面向三类用途'));
    expect(series[0].order).toBe((first?.order ?? NaN) + 0.5);
    const orders = units.filter((u) => u.kind !== 'series').map((u) => u.order);
    expect(orders).toEqual(orders.map((_, i) => i));
  });

  it('makes no series of a single clause or of clauses too long to take in whole', () => {
    expect(
      chunkUnits(chunk('one', '只有一句话讲检索增强生成；')).some((u) => u.kind === 'series'),
    ).toBe(false);
    const long = `${'很长的分句讲检索增强生成的细节'.repeat(9)}；${'另一个很长的分句讲微调的细节'.repeat(9)}。`;
    expect(chunkUnits(chunk('long', long)).some((u) => u.kind === 'series')).toBe(false);
  });

  it('answers a list question with the whole series of clauses, a fact question with one clause', async () => {
    const series = chunk(
      'series-answer',
      '祖父母讲耐心时用了三个意象：峡谷源于一处泉眼；交响乐从一个音符开始；挂毯从一根线开始编织。',
    );
    const list = await composeAnswer('祖父母讲耐心时用了哪些意象？', [series], options);
    expect(list.draft).toContain('泉眼；交响乐从一个音符开始；挂毯从一根线开始编织。');
    const fact = await composeAnswer('交响乐从什么开始？', [series], options);
    expect(fact.draft).toContain('交响乐从一个音符开始；');
    expect(fact.draft).not.toContain('泉眼');
  });
});
