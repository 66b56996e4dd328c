import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { MAX_QUESTION_CHARS } from '../../workflows/shared/agent-nodes';
import { COLLECTION_NAME, COLLECTION_NAME_RULE } from '../knowledge/api/collection.dto';

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
}

export class CreateTaskDto {
  @ApiProperty({ example: '工作进程崩溃时会发生什么？', maxLength: MAX_QUESTION_CHARS })
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_QUESTION_CHARS)
  @Matches(/\S/, { message: 'question must not be blank' })
  question!: string;

  @ApiProperty({ example: 'team-notes' })
  @IsString()
  @Matches(COLLECTION_NAME, { message: `collection ${COLLECTION_NAME_RULE}` })
  collection!: string;

  @ApiPropertyOptional({
    enum: ['answer'],
    default: 'answer',
    description: 'research mode is not available yet',
  })
  @IsOptional()
  @IsIn(['answer'], { message: 'mode must be "answer" (research mode is not available yet)' })
  mode?: 'answer';

  @ApiPropertyOptional({ type: TaskOptionsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => TaskOptionsDto)
  options?: TaskOptionsDto;
}
