import { LIMITER_KINDS } from './limiterSpec';
import { TRIGGER_KINDS, scenarioSchema, setSchema } from './schema';

/**
 * The structure of the scenario format — which keys exist where — read off the
 * valibot schema, so the walk that removes unknown keys (read.ts) and the list of
 * settable paths can never disagree with what the schema validates.
 */
export type Shape =
  | { kind: 'object'; fields: ReadonlyMap<string, Shape> }
  | { kind: 'array'; item: Shape; maxItems: number }
  | { kind: 'variant'; key: string; options: ReadonlyMap<string, Shape> }
  | { kind: 'set' }
  | { kind: 'leaf' };

interface SchemaLike {
  type?: unknown;
  wrapped?: unknown;
  entries?: Record<string, unknown>;
  item?: unknown;
  key?: unknown;
  options?: unknown;
  pipe?: unknown;
  requirement?: unknown;
}

function maxLengthOf(schema: SchemaLike): number {
  if (!Array.isArray(schema.pipe)) return Infinity;
  for (const action of schema.pipe as SchemaLike[]) {
    if (action.type === 'max_length' && typeof action.requirement === 'number') return action.requirement;
  }
  return Infinity;
}

function shapeOf(schema: unknown): Shape {
  if (schema === setSchema) return { kind: 'set' };
  const s = schema as SchemaLike;
  switch (s.type) {
    case 'optional':
    case 'nullable':
      return shapeOf(s.wrapped);
    case 'object': {
      const fields = new Map<string, Shape>();
      for (const [key, field] of Object.entries(s.entries ?? {})) fields.set(key, shapeOf(field));
      return { kind: 'object', fields };
    }
    case 'array':
      return { kind: 'array', item: shapeOf(s.item), maxItems: maxLengthOf(s) };
    case 'variant': {
      const options = new Map<string, Shape>();
      for (const option of s.options as SchemaLike[]) {
        const discriminator = (option.entries ?? {})[String(s.key)] as SchemaLike & { check?: (x: unknown) => boolean };
        // Each option's discriminator accepts exactly one of the trigger or limiter kinds.
        const optionShape = shapeOf(option);
        for (const candidate of [...TRIGGER_KINDS, ...LIMITER_KINDS]) {
          if (discriminator.check?.(candidate) === true) options.set(candidate, optionShape);
        }
      }
      return { kind: 'variant', key: String(s.key), options };
    }
    default:
      return { kind: 'leaf' };
  }
}

/** Keys and nesting of a whole scenario. */
export const SCENARIO_SHAPE: Shape = shapeOf(scenarioSchema);

/** The shape at a dotted path of object keys, or `undefined` when no such field exists. */
export function shapeAt(segments: readonly string[], root: Shape = SCENARIO_SHAPE): Shape | undefined {
  let shape: Shape | undefined = root;
  for (const segment of segments) {
    if (shape?.kind !== 'object') return undefined;
    shape = shape.fields.get(segment);
  }
  return shape;
}
