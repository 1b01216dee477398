/**
 * A page loaded when first shown (React.lazy over a named export), so the
 * console's first load carries only what signing in and the member list need.
 * react-admin's Layout shows its Loading while the chunk arrives.
 */
import { lazy, type ComponentType } from "react";

export function lazyNamed<M extends Record<string, unknown>, K extends keyof M>(load: () => Promise<M>, name: K) {
  // React.lazy takes a component of any props (its own signature); the named export is one.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return lazy(async () => ({ default: (await load())[name] as ComponentType<any> }));
}
