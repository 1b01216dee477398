/**
 * GraphQL hands a service what the client sent: an optional field may be an explicit null, and a String
 * field any string. A few services declare narrower parameter types than they accept: they check a status
 * with oneOf, default a missing category with `??`, merge a partial update that may hold nulls. Until
 * their types admit the SDL's input, `checkedByService` is the one place the difference is allowed: the
 * input must still match the service's type field by field, except for those nulls and strings.
 */

/** A service's input as a client may send it: any field null, a string union any string. */
export type AsSent<T> = T extends string
  ? string
  : T extends (infer Item)[]
    ? AsSent<Item>[]
    : T extends object
      ? { [K in keyof T]?: AsSent<T[K]> | null }
      : T;

/** The input as the service's type names it; the service checks what the type leaves out. */
export function checkedByService<T>(input: AsSent<T>): T {
  return input as T;
}
