import type * as z from 'zod/mini';

/**
 * Compiles only when every value of `T` (what a route returns) is a valid output of `S` (the schema
 * the spec publishes for it): a field typed apart fails the type-check instead of drifting. A field
 * the schema lacks is caught at run time instead: output schemas refuse unknown properties, and
 * test/integration/api-response-schemas.spec.ts validates every route's real answers.
 */
export type Conforms<T extends z.infer<S>, S extends z.ZodMiniType> = [T, S];
