import {
  collapseDotLeaders,
  collapseWhitespace,
  joinCjkLineBreaks,
  mapOutsideCodeFences,
  normalizeUnicode,
  removeRepeatedPageLines,
  stripControlCharacters,
  undoHyphenation,
} from '../../src/knowledge/cleaning';

describe('removeRepeatedPageLines', () => {
  const topics = [
    '线性模型',
    '决策树',
    '神经网络',
    '支持向量机',
    '贝叶斯',
    '集成学习',
    '聚类',
    '降维',
    '特征选择',
    '半监督',
  ];
  const body = (i: number): string => `本页讲${topics[i]}。\n${topics[i]}的公式推导见下文。`;

  it('removes a header on 80% of pages and a footer that differs only by the page number', () => {
    const pages = Array.from({ length: 10 }, (_, i) =>
      [i < 8 ? '机器学习公式详解 · 南瓜书' : '', body(i), `— 第 ${i + 1} 页 共 10 页 —`].join('\n'),
    );
    const cleaned = removeRepeatedPageLines(pages);
    cleaned.forEach((page, i) => {
      expect(page).not.toContain('南瓜书');
      expect(page).not.toContain('共 10 页');
      expect(page.trim()).toBe(body(i));
    });
  });

  it('keeps body text that merely repeats twice, and lines that recur away from the edges', () => {
    const pages = Array.from({ length: 10 }, (_, i) =>
      [
        i < 2 ? '定义：样本是关于一个事件的描述。' : `第 ${i} 节`,
        `内容 ${'甲乙丙'[i % 3]}`,
        '注意：本页的公式很重要',
        '结尾',
      ].join('\n'),
    );
    pages.push('尾页\n注意：本页的公式很重要\n后记\n附录\n参考文献');
    const cleaned = removeRepeatedPageLines(pages);
    expect(cleaned[0]).toContain('定义：样本是关于一个事件的描述。');
    expect(cleaned[1]).toContain('定义：样本是关于一个事件的描述。');
    // at the top of most pages but the third line: body, since only edges are stripped inward
    expect(cleaned[10]).toContain('注意：本页的公式很重要');
  });

  it('leaves documents of fewer than three pages alone', () => {
    const pages = ['Header\nbody one', 'Header\nbody two'];
    expect(removeRepeatedPageLines(pages)).toEqual(pages);
  });
});

describe('joinCjkLineBreaks', () => {
  it('joins a break between two CJK characters and after CJK punctuation inside a sentence', () => {
    expect(joinCjkLineBreaks('为后续内容作\n铺垫，并未涉及复杂的算法理论')).toBe(
      '为后续内容作铺垫，并未涉及复杂的算法理论',
    );
    expect(joinCjkLineBreaks('根据标记的取值类型不同，\n可将任务分为两类')).toBe(
      '根据标记的取值类型不同，可将任务分为两类',
    );
    expect(joinCjkLineBreaks('标记的数学表示为\nyi，所在空间')).toBe(
      '标记的数学表示为 yi，所在空间',
    );
  });

  it('joins an inline number or variable that ends a long Chinese line to the Chinese after it', () => {
    expect(joinCjkLineBreaks('例如学习西瓜好坏时，假设训练集中共有 3\n个样本')).toBe(
      '例如学习西瓜好坏时，假设训练集中共有 3 个样本',
    );
    expect(joinCjkLineBreaks('张三 25\n李四 30')).toBe('张三 25\n李四 30');
  });

  it('keeps breaks after a sentence end, before list items, around numbered headings and blank lines', () => {
    const kept = [
      '这是一句话。\n下一句话。',
      '他说：“好。”\n然后离开',
      '步骤如下\n1. 第一步',
      '要点\n• 第一点',
      '1.2 基本术语\n本节涉及的术语较多',
      '模型评估 … 25\n第 2 章 模型评估',
      '第一段\n\n第二段',
      'English line\n中文行',
    ];
    for (const text of kept) expect(joinCjkLineBreaks(text)).toBe(text);
  });
});

describe('undoHyphenation', () => {
  it('rejoins words hyphenated at the end of a line', () => {
    expect(undoHyphenation('the infor-\nmation retrieval')).toBe('the information retrieval');
    expect(undoHyphenation('back-  \n  propagating errors')).toBe('backpropagating errors');
  });

  it('keeps hyphens inside lines and before capitalized continuations', () => {
    expect(undoHyphenation('state-of-the-art model')).toBe('state-of-the-art model');
    expect(undoHyphenation('Jean-\nPaul')).toBe('Jean-\nPaul');
    expect(undoHyphenation('a list -\nitem')).toBe('a list -\nitem');
  });
});

describe('collapseWhitespace and collapseDotLeaders', () => {
  it('collapses runs of spaces inside lines and runs of blank lines, keeping indentation', () => {
    const text = '\n\n  title   with    spaces  \n\n\n\nnext\t\tline\n    indented   code\n\n';
    expect(collapseWhitespace(text)).toBe('  title with spaces\n\nnext line\n    indented code');
  });

  it('turns table-of-contents dot leaders into one ellipsis', () => {
    expect(collapseDotLeaders('7.1 贝叶斯决策论 . . . . . . . . 62')).toBe('7.1 贝叶斯决策论 … 62');
    expect(collapseDotLeaders('xi = (xi1; xi2; ...; xid)')).toBe('xi = (xi1; xi2; ...; xid)');
  });
});

describe('stripControlCharacters', () => {
  it('strips control and invisible characters, keeps tab and newline, normalizes line endings', () => {
    const text = 'a\u0000b\u0007c\td\r\ne\rf\u000cg\u00adh\u200bi\ufeffj\ufffdk\u0085l';
    expect(stripControlCharacters(text)).toBe('abc\td\ne\nfghijkl');
  });
});

describe('normalizeUnicode', () => {
  it('turns full-width spaces, letters and digits, ligatures and Kangxi radicals into common forms', () => {
    expect(normalizeUnicode('南\u3000⽠\u3000书')).toBe('南 瓜 书');
    expect(normalizeUnicode('ＡＢＣ１２３ ﬁle')).toBe('ABC123 file');
  });

  it('keeps full-width punctuation, ellipses, circled numbers and superscripts', () => {
    const text = '你好，世界！真的吗？是的；如下：（注）……①② x² 和 x₁';
    expect(normalizeUnicode(text)).toBe(text);
  });
});

describe('mapOutsideCodeFences', () => {
  it('applies a rule to prose only, leaving fenced code as it was', () => {
    const text = 'a   b\n```py\nx  =  1\n\n\ny = 2\n```\nc   d\n~~~\nunclosed   fence';
    const squeezed = mapOutsideCodeFences(text, (prose) => prose.replace(/ +/g, ' '));
    expect(squeezed).toBe('a b\n```py\nx  =  1\n\n\ny = 2\n```\nc d\n~~~\nunclosed   fence');
  });
});
