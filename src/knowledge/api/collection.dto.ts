import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { KNOWLEDGE_BASE_NAME_RULE } from '../../../workflows/contract';
import { KNOWLEDGE_BASE_NAME_PATTERN } from '../store/names';
import { DEFAULT_CHUNKING } from '../chunking/options';
import { DEFAULT_ALPHA } from '../store/search-request';

// One rule for knowledge-base names, declared with the task inputs; the API only reuses it.
export const COLLECTION_NAME = KNOWLEDGE_BASE_NAME_PATTERN;
export const COLLECTION_NAME_RULE = KNOWLEDGE_BASE_NAME_RULE;

export class CreateCollectionDto {
  @ApiProperty({ example: 'team-notes', pattern: COLLECTION_NAME.source })
  @IsString()
  @Matches(COLLECTION_NAME, { message: `name ${COLLECTION_NAME_RULE}` })
  name!: string;

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string;

  @ApiPropertyOptional({
    description:
      'Target chunk size in characters, at most what the embedding model can embed whole: 510 for ' +
      'the local bge-small-zh-v1.5 (its window is 512 tokens, and a character can be a token; 400 ' +
      'beyond, naming the limit). A chunk that still has more tokens than the window (Hangul, for ' +
      'one, takes more than one token a character) is split further before it is embedded, so no ' +
      'text is ever cut off silently.',
    minimum: 100,
    maximum: 4000,
    default: DEFAULT_CHUNKING.size,
  })
  @IsOptional()
  @IsInt()
  @Min(100)
  @Max(4000)
  chunkSize?: number;

  @ApiPropertyOptional({
    description: 'Overlap between chunks in characters',
    minimum: 0,
    maximum: 1000,
    default: DEFAULT_CHUNKING.overlap,
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1000)
  chunkOverlap?: number;

  @ApiPropertyOptional({ description: 'Embedding model id; defaults to the configured model' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  embeddingModel?: string;
}

/** A document's source: a path-like name of at most 512 characters, without `..` or NUL. */
const SOURCE_PATTERN = /^(?!.*(^|\/)\.\.(\/|$))[^\0]+$/;
const SOURCE_MAX = 512;

/** Why a source (a JSON document's or an uploaded file's name) is refused, or undefined. */
export function sourceProblem(source: string): string | undefined {
  if (source.length === 0 || source.length > SOURCE_MAX)
    return `a file name must be 1-${SOURCE_MAX} characters (got ${source.length})`;
  if (!SOURCE_PATTERN.test(source)) return 'source must not contain .. segments or NUL';
  return undefined;
}

export class DocumentInputDto {
  @ApiProperty({
    example: 'notes/a.md',
    description: 'Path-like name; identifies the document for updates',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(SOURCE_MAX)
  @Matches(SOURCE_PATTERN, {
    message: 'source must not contain .. segments or NUL',
  })
  source!: string;

  @ApiProperty({
    description: 'The document text (markdown is understood when source ends in .md)',
  })
  @IsString()
  @MinLength(1, { message: 'text must not be empty' })
  @MaxLength(5_000_000)
  text!: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }] },
  })
  @IsOptional()
  @IsObject()
  metadata?: Record<string, string | number | boolean>;
}

export class AddDocumentsDto {
  @ApiProperty({ type: [DocumentInputDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => DocumentInputDto)
  documents!: DocumentInputDto[];
}

export const SEARCH_MODES = ['hybrid', 'keyword', 'vector'] as const;

export class SearchDto {
  @ApiProperty({ example: '什么是泛化能力' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  query!: string;

  @ApiPropertyOptional({ enum: SEARCH_MODES, default: 'hybrid' })
  @IsOptional()
  @IsIn(SEARCH_MODES)
  mode?: (typeof SEARCH_MODES)[number];

  @ApiPropertyOptional({
    minimum: 0,
    maximum: 1,
    default: DEFAULT_ALPHA,
    description: '0 = keyword only, 1 = vector only',
  })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1)
  alpha?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 10 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({
    default: true,
    description: 'Rerank the top candidates by the query phrases they contain verbatim',
  })
  @IsOptional()
  @IsBoolean()
  rerank?: boolean;

  @ApiPropertyOptional({ type: [String], description: 'Only chunks from these sources' })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  @ArrayMaxSize(100)
  sources?: string[];

  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' } })
  @IsOptional()
  @IsObject()
  metadata?: Record<string, string>;
}
