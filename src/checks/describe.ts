import { z } from 'zod';
import type { AnyRule } from './types.js';

export interface OptionInfo {
  name: string;
  /** A short type for people: "number", "text", "list of text", "one of: warn, fail". */
  type: string;
  default?: unknown;
  description?: string;
  required: boolean;
}

function typeName(schema: z.ZodType): string {
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodDefault || schema instanceof z.ZodNullable) return typeName(schema.unwrap() as z.ZodType);
  if (schema instanceof z.ZodString) return 'text';
  if (schema instanceof z.ZodNumber) return 'number';
  if (schema instanceof z.ZodBoolean) return 'true/false';
  if (schema instanceof z.ZodEnum) return `one of: ${(schema.options as string[]).join(', ')}`;
  if (schema instanceof z.ZodLiteral) return JSON.stringify([...schema.values][0]);
  if (schema instanceof z.ZodArray) return `list of ${typeName(schema.element as z.ZodType)}`;
  if (schema instanceof z.ZodRecord || schema instanceof z.ZodObject) return 'mapping';
  if (schema instanceof z.ZodUnion) return (schema.options as z.ZodType[]).map(typeName).join(' or ');
  return 'value';
}

function describedOf(schema: z.ZodType): string | undefined {
  for (let s: z.ZodType | undefined = schema; s; s = s instanceof z.ZodOptional || s instanceof z.ZodDefault || s instanceof z.ZodNullable ? (s.unwrap() as z.ZodType) : undefined) {
    if (s.description) return s.description;
  }
  return undefined;
}

function defaultOf(schema: z.ZodType): unknown {
  for (let s: z.ZodType | undefined = schema; s; s = s instanceof z.ZodOptional || s instanceof z.ZodNullable ? (s.unwrap() as z.ZodType) : undefined) {
    if (s instanceof z.ZodDefault) return (s.def as { defaultValue: unknown }).defaultValue;
  }
  return undefined;
}

/** A rule's options, from its zod schema, for `golive rules` and the rule reference. */
export function describeOptions(rule: AnyRule): OptionInfo[] {
  let schema: z.ZodType = rule.options;
  while (schema instanceof z.ZodOptional || schema instanceof z.ZodDefault || schema instanceof z.ZodPipe) schema = (schema instanceof z.ZodPipe ? schema.in : schema.unwrap()) as z.ZodType;
  if (!(schema instanceof z.ZodObject)) return [];
  return Object.entries(schema.shape as Record<string, z.ZodType>).map(([name, field]) => {
    const d = defaultOf(field);
    const description = describedOf(field);
    return { name, type: typeName(field), ...(d !== undefined ? { default: d } : {}), ...(description ? { description } : {}), required: !field.safeParse(undefined).success };
  });
}
