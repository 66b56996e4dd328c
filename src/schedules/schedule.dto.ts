import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { CreateTaskDto } from '../tasks/task.dto';
import { EVERY_PATTERN, OVERLAP_POLICIES, type OverlapPolicy } from './schedule-spec';

export class CreateScheduleDto {
  @ApiProperty({
    type: CreateTaskDto,
    description: 'The task each run starts, exactly as POST /v1/tasks takes it',
  })
  @ValidateNested()
  @Type(() => CreateTaskDto)
  task!: CreateTaskDto;

  @ApiPropertyOptional({
    example: '0 9 * * MON',
    description:
      'A cron expression (5 fields, or 6-7 with seconds and years; names like MON and @daily work). Give cron or every.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cron?: string;

  @ApiPropertyOptional({
    example: '6h',
    description: 'A fixed interval: a number and s, m, h or d (at least 1s). Give cron or every.',
  })
  @IsOptional()
  @Matches(EVERY_PATTERN, { message: 'every must be a number and a unit, like 30s, 15m, 6h or 1d' })
  every?: string;

  @ApiPropertyOptional({ example: 'Asia/Shanghai', default: 'UTC', description: 'IANA time zone' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  timezone?: string;

  @ApiPropertyOptional({ default: false, description: 'Create it paused' })
  @IsOptional()
  @IsBoolean()
  paused?: boolean;

  @ApiPropertyOptional({
    enum: OVERLAP_POLICIES,
    default: 'skip',
    description: 'What a run does when the previous one is still going',
  })
  @IsOptional()
  @IsIn(OVERLAP_POLICIES, { message: `overlap must be one of ${OVERLAP_POLICIES.join(', ')}` })
  overlap?: OverlapPolicy;

  @ApiPropertyOptional({ maxLength: 500, description: 'A note for people (shown in lists)' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

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
