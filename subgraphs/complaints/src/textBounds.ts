import { INVALID_ARGUMENT } from '@govgraph/schema';

export interface TextBounds {
  /** Where the text came from, as the caller wrote it: `fileComplaint(input.description:)`. */
  field: string;
  /** The argument path reported in `extensions.argument`, e.g. `input.description`. */
  argument: string;
  min: number;
  max: number;
  /** What the text should say, for the message. */
  hint: string;
}

/**
 * The text with spaces at either end removed, when its length is within bounds; else
 * INVALID_ARGUMENT naming the field and the limits. Length counts characters, not UTF-16
 * units: one Chinese character is one character.
 */
export function boundedText(value: string, bounds: TextBounds): string {
  const text = value.trim();
  const length = [...text].length;
  if (length < bounds.min || length > bounds.max) {
    throw INVALID_ARGUMENT.err(
      `${bounds.field} must be ${bounds.min} to ${bounds.max} characters once spaces at either end are removed; got ${length}. ${bounds.hint}`,
      { extensions: { argument: bounds.argument } },
    );
  }
  return text;
}
