import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { QuarryConfig } from './config';

export const QUARRY_CONFIG = Symbol('QUARRY_CONFIG');

/** Provides the config validated once at boot; nothing else in the app reads process.env. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: QuarryConfig): DynamicModule {
    return {
      module: ConfigModule,
      providers: [{ provide: QUARRY_CONFIG, useValue: config }],
      exports: [QUARRY_CONFIG],
    };
  }
}
