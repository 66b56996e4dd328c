import type { JsonSchema } from '../../models/chat';

export const GRADES_SCHEMA: JsonSchema = {
  type: 'object',
  properties: {
    grades: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: { type: 'integer' },
          relevant: { type: 'boolean' },
          score: { type: 'number' },
        },
        required: ['id', 'relevant', 'score'],
      },
    },
  },
  required: ['grades'],
};

export const GROUNDING_SCHEMA: JsonSchema = {
  type: 'object',
  properties: {
    sentences: {
      type: 'array',
      items: {
        type: 'object',
        properties: { index: { type: 'integer' }, supported: { type: 'boolean' } },
        required: ['index', 'supported'],
      },
    },
  },
  required: ['sentences'],
};

export const ANSWER_CHECK_SCHEMA: JsonSchema = {
  type: 'object',
  properties: {
    answered: { type: 'boolean' },
    missing: { type: 'array', items: { type: 'string' } },
  },
  required: ['answered', 'missing'],
};

/** Answers are structured: a sentence cannot come without the document it claims support from. */
export const ANSWER_SCHEMA: JsonSchema = {
  type: 'object',
  properties: {
    sentences: {
      type: 'array',
      maxItems: 8,
      items: {
        type: 'object',
        properties: { text: { type: 'string' }, document: { type: 'integer' } },
        required: ['text', 'document'],
      },
    },
  },
  required: ['sentences'],
};
