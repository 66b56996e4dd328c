import {
  boundedAttributeText,
  TEXT_ATTRIBUTE_MAX_BYTES,
} from '../../src/temporal/search-attributes';

const encodedBytes = (s: string) => Buffer.byteLength(JSON.stringify(s), 'utf8');

describe('boundedAttributeText', () => {
  it('keeps a short question whole', () => {
    expect(boundedAttributeText('什么是泛化能力？')).toBe('什么是泛化能力？');
  });

  it('cuts a long Chinese question to a prefix within the byte budget', () => {
    const question = '模型的泛化能力'.repeat(300); // 2,100 characters, 6,300 bytes
    const bounded = boundedAttributeText(question);
    expect(question.startsWith(bounded)).toBe(true);
    expect(encodedBytes(bounded)).toBeLessThanOrEqual(TEXT_ATTRIBUTE_MAX_BYTES);
    expect(encodedBytes(bounded)).toBeGreaterThan(TEXT_ATTRIBUTE_MAX_BYTES - 3);
  });

  it('never splits a character outside the BMP', () => {
    const bounded = boundedAttributeText('😀'.repeat(100), 41); // 4 bytes each, 2 quotes
    expect(bounded).toBe('😀'.repeat(9));
    expect(Buffer.from(bounded, 'utf8').toString('utf8')).toBe(bounded); // no lone surrogate
  });

  it('counts JSON escapes: control characters cost up to 6 bytes', () => {
    const bounded = boundedAttributeText('\u0001'.repeat(100), 32);
    expect(bounded).toBe('\u0001'.repeat(5));
    expect(encodedBytes(bounded)).toBeLessThanOrEqual(32);
  });
});
