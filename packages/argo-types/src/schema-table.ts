/**
 * The compact encoding of Argo's JSON schema that `codegen/generate.mjs` emits and `validateManifest` interprets.
 * @internal
 */
export type SchemaNode =
  | { readonly ref: string }
  | {
      /**
       * o object, a array, s string, i integer, n number, b boolean, is int-or-string, as Argo's AnyString (any
       * JSON value: a string, number or boolean is kept as text, anything else decodes to ""), any anything.
       */
      readonly t: 'o' | 'a' | 's' | 'i' | 'n' | 'b' | 'is' | 'as' | 'any';
      /** Declared properties of an object. */
      readonly p?: Readonly<Record<string, SchemaNode>>;
      /** Required properties of an object. */
      readonly r?: readonly string[];
      /** Schema of the values of any other property; absent means unknown properties are rejected. */
      readonly a?: SchemaNode;
      /** Schema of an array's items. */
      readonly i?: SchemaNode;
      /** A constant the value must equal. */
      readonly c?: unknown;
      /** Values the value must be one of. */
      readonly e?: readonly unknown[];
    };

/** Definitions by their full name (`io.argoproj.workflow.v1alpha1.Workflow`). @internal */
export type SchemaTable = Readonly<Record<string, SchemaNode>>;
