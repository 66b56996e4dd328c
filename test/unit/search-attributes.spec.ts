import { defaultPayloadConverter } from '@temporalio/common';
import { google } from '@temporalio/proto';
import {
  boundedAttributeText,
  listedAttribute,
  searchAttributeKeys,
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

describe('listedAttribute', () => {
  const fields = {
    QuarryStatus: defaultPayloadConverter.toPayload('waiting_for_input'),
    QuarryCollection: defaultPayloadConverter.toPayload(['docs']),
    QuarryQuestion: defaultPayloadConverter.toPayload('为什么？'),
  };

  it('reads keyword and text attributes of a listed execution, a list of one as its value', () => {
    expect(listedAttribute(fields, searchAttributeKeys.status)).toBe('waiting_for_input');
    expect(listedAttribute(fields, searchAttributeKeys.collection)).toBe('docs');
    expect(listedAttribute(fields, searchAttributeKeys.question)).toBe('为什么？');
  });

  it('is undefined for an attribute that is unset or not text', () => {
    expect(listedAttribute(fields, searchAttributeKeys.mode)).toBeUndefined();
    expect(listedAttribute(undefined, searchAttributeKeys.mode)).toBeUndefined();
    const numeric = { QuarryMode: defaultPayloadConverter.toPayload(3) };
    expect(listedAttribute(numeric, searchAttributeKeys.mode)).toBeUndefined();
  });
});

describe("the production namespace's retention (google.protobuf.Duration.fromObject, temporal-namespace.ts)", () => {
  it('encodes 30 days in seconds', () => {
    const thirtyDays = google.protobuf.Duration.fromObject({ seconds: 30 * 24 * 60 * 60 });
    const decoded = google.protobuf.Duration.decode(
      google.protobuf.Duration.encode(thirtyDays).finish(),
    );
    expect(Number(decoded.seconds)).toBe(2_592_000);
  });
});
