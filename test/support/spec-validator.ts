import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

export interface Operation {
  responses: Record<string, { content?: Record<string, { schema?: object }> }>;
}
export interface Spec {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, object> };
}

/** `#/components/schemas/...` references, pointed at the spec's components registered in ajv. */
const withSpecRefs = (schema: object) =>
  JSON.parse(
    JSON.stringify(schema).replace(/"#\/components\/schemas\//g, '"spec#/$defs/'),
  ) as object;

/** Checks real answers against the JSON schemas an OpenAPI spec publishes for them. */
export class SpecValidator {
  private readonly ajv = new Ajv({ allErrors: true, strict: true });
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(readonly spec: Spec) {
    addFormats(this.ajv);
    // OpenAPI's own keywords, beside JSON Schema's: documentation, not rules.
    this.ajv.addVocabulary(['example']);
    this.ajv.addSchema({ $id: 'spec', $defs: withSpecRefs(spec.components.schemas) });
  }

  /** Throws unless `body` is what the spec promises for this route answering `status`. */
  check(method: string, route: string, status: number, body: unknown): void {
    const operation = this.spec.paths[route]?.[method.toLowerCase()];
    if (!operation) throw new Error(`${method} ${route} is not in the spec`);
    const schema = operation.responses[String(status)]?.content?.['application/json']?.schema;
    if (!schema) throw new Error(`${method} ${route} answered ${status}, not in its spec`);
    const key = `${method} ${route} ${status}`;
    let validate = this.validators.get(key);
    if (!validate) this.validators.set(key, (validate = this.ajv.compile(withSpecRefs(schema))));
    if (!validate(body))
      throw new Error(`${key}: ${this.ajv.errorsText(validate.errors)}\n${JSON.stringify(body)}`);
  }
}
