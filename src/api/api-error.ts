import { HttpException } from '@nestjs/common';
import { errorBody } from './error-body';

/** An HTTP error with a stable machine code, thrown by controllers and services. */
export class ApiError extends HttpException {
  constructor(status: number, code: string, message: string, details?: unknown) {
    super(errorBody(code, message, details), status);
  }
}
