import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { LIMITS } from '../../workflows/contract';
import { COLLECTION_NAME, COLLECTION_NAME_RULE } from '../knowledge/api/collection.dto';
import { SCHEDULE_ID } from '../schedules/schedule-id';
import { IsWebhookUrl } from '../webhooks/is-webhook-url';
import { TASK_MODES, TASK_STATUSES, type TaskMode, type TaskStatus } from './task-status';

/** A research plan: 1-20 questions, each non-empty and within the question length limit. */
function IsPlan() {
  return applyDecorators(
    IsArray(),
    ArrayMinSize(1),
    ArrayMaxSize(20),
    IsString({ each: true }),
    MinLength(1, { each: true }),
    MaxLength(LIMITS.questionChars, { each: true }),
  );
}

export class TaskOptionsDto {
  @ApiPropertyOptional({
    minimum: 1,
    maximum: 10,
    default: 3,
    description: 'Retrieval rounds (1 turns query rewriting off)',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10)
  maxRetrievals?: number;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 5,
    default: 2,
    description: 'Answer generations (1 turns regeneration off)',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  maxGenerations?: number;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 50,
    default: 8,
    description: 'Chunks retrieved per round',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(50)
  topK?: number;

  @ApiPropertyOptional({
    default: false,
    description: 'answer mode: ask the user when the first search finds nothing relevant',
  })
  @IsOptional()
  @IsBoolean()
  allowClarify?: boolean;

  @ApiPropertyOptional({ minimum: 1, maximum: 604800, default: 86400 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(604800)
  clarifyTimeoutSeconds?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 20, default: 5, description: 'research mode' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(20)
  maxSubQuestions?: number;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 10,
    default: 3,
    description: 'research mode: sub-questions answered at once',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10)
  concurrency?: number;

  @ApiPropertyOptional({
    default: false,
    description: 'research mode: wait for POST /v1/tasks/:id/input to approve or edit the plan',
  })
  @IsOptional()
  @IsBoolean()
  approvePlan?: boolean;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 604800,
    default: 86400,
    description:
      'research mode with approvePlan: seconds the plan waits for approval; then it goes ahead as proposed',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(604800)
  approvalTimeoutSeconds?: number;

  @ApiPropertyOptional({
    type: [String],
    maxItems: 20,
    description: 'research mode: your own plan (skips planning)',
  })
  @IsOptional()
  @IsPlan()
  subQuestions?: string[];
}

export class CreateTaskDto {
  @ApiProperty({ example: '工作进程崩溃时会发生什么？', maxLength: LIMITS.questionChars })
  @IsString()
  @MinLength(1)
  @MaxLength(LIMITS.questionChars)
  @Matches(/\S/, { message: 'question must not be blank' })
  question!: string;

  @ApiProperty({ example: 'team-notes' })
  @IsString()
  @Matches(COLLECTION_NAME, { message: `collection ${COLLECTION_NAME_RULE}` })
  collection!: string;

  @ApiPropertyOptional({
    enum: TASK_MODES,
    default: 'answer',
    description: 'answer: one question; research: a plan of sub-questions and a report',
  })
  @IsOptional()
  @IsIn(TASK_MODES, { message: 'mode must be "answer" or "research"' })
  mode?: TaskMode;

  @ApiPropertyOptional({
    example: 'https://example.com/hooks/quarry',
    description:
      "POSTed the finished task, signed with HMAC-SHA256 (X-Quarry-Signature) with the tenant's secret " +
      '(GET /v1/webhooks/secret). Loopback, private, link-local and metadata addresses are refused ' +
      '(400 here, or at delivery once the name is resolved) unless QUARRY_WEBHOOK_ALLOW_HOSTS allows them.',
  })
  @IsOptional()
  @IsWebhookUrl()
  @MaxLength(2000)
  webhook?: string;

  @ApiPropertyOptional({ type: TaskOptionsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => TaskOptionsDto)
  options?: TaskOptionsDto;
}

export class TaskInputDto {
  @ApiPropertyOptional({ description: 'The reply to a clarifying question', maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  text?: string;

  @ApiPropertyOptional({ description: 'Research plan: false rejects it and ends the task' })
  @IsOptional()
  @IsBoolean()
  approve?: boolean;

  @ApiPropertyOptional({ type: [String], description: 'Research plan: the edited sub-questions' })
  @IsOptional()
  @IsPlan()
  subQuestions?: string[];
}

export class ListTasksQueryDto {
  @ApiPropertyOptional({ enum: TASK_STATUSES })
  @IsOptional()
  @IsIn(TASK_STATUSES)
  status?: TaskStatus;

  @ApiPropertyOptional({ enum: TASK_MODES })
  @IsOptional()
  @IsIn(TASK_MODES)
  mode?: TaskMode;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(COLLECTION_NAME, { message: `collection ${COLLECTION_NAME_RULE}` })
  collection?: string;

  @ApiPropertyOptional({ description: 'Created at or after (ISO 8601)' })
  @IsOptional()
  @IsISO8601()
  from?: string;

  @ApiPropertyOptional({ description: 'Created at or before (ISO 8601)' })
  @IsOptional()
  @IsISO8601()
  to?: string;

  @ApiPropertyOptional({ description: 'Only the runs of this schedule (its id)' })
  @IsOptional()
  @Matches(SCHEDULE_ID, { message: 'schedule must be a schedule id (sched-…)' })
  schedule?: string;

  @ApiPropertyOptional({ description: 'Words in the question' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  cursor?: string;
}
