import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { COLLECTION_NAME, COLLECTION_NAME_RULE } from '../knowledge/api/collection.dto';
import { SCHEDULE_ID } from '../schedules/schedule-id';
import { TASK_MODES, TASK_STATUSES, type TaskMode, type TaskStatus } from './task-status';

/** GET /v1/tasks: filters and paging (query strings, so numbers are converted). */
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
