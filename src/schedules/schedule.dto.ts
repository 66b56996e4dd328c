import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import * as z from 'zod/mini';
import { createTaskBody } from '../tasks/task-requests';
import { EVERY_PATTERN, OVERLAP_POLICIES } from './schedule-spec';

/**
 * POST /v1/schedules. Its task is validated as POST /v1/tasks validates one (the same schema),
 * so every run starts what a task created now would start.
 */
export const createScheduleBody = z.strictObject({
  task: createTaskBody.check(
    z.meta({ description: 'The task each run starts, exactly as POST /v1/tasks takes it' }),
  ),
  cron: z.optional(
    z.string().check(
      z.maxLength(200),
      z.meta({
        example: '0 9 * * MON',
        description:
          'A cron expression (5 fields, or 6-7 with seconds and years; names like MON and @daily work). Give cron or every.',
      }),
    ),
  ),
  every: z.optional(
    z.string().check(
      z.regex(EVERY_PATTERN, { error: 'must be a number and a unit, like 30s, 15m, 6h or 1d' }),
      z.meta({
        example: '6h',
        description:
          'A fixed interval: a number and s, m, h or d (at least 1s). Give cron or every.',
      }),
    ),
  ),
  timezone: z.optional(
    z
      .string()
      .check(
        z.maxLength(64),
        z.meta({ example: 'Asia/Shanghai', default: 'UTC', description: 'IANA time zone' }),
      ),
  ),
  paused: z.optional(
    z.boolean().check(z.meta({ default: false, description: 'Create it paused' })),
  ),
  overlap: z.optional(
    z.enum(OVERLAP_POLICIES, { error: `must be one of ${OVERLAP_POLICIES.join(', ')}` }).check(
      z.meta({
        default: 'skip',
        description: 'What a run does when the previous one is still going',
      }),
    ),
  ),
  note: z.optional(
    z
      .string()
      .check(z.maxLength(500), z.meta({ description: 'A note for people (shown in lists)' })),
  ),
});
export type CreateScheduleBody = z.infer<typeof createScheduleBody>;

export class ScheduleNoteDto {
  @ApiPropertyOptional({ maxLength: 500, description: 'Why (kept with the schedule)' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class ListSchedulesQueryDto {
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
