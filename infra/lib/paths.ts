/** Where the app's sources live, so the stacks find them wherever the CLI runs from. */
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root (holds package.json and package-lock.json). */
export const repoRoot = fileURLToPath(new URL("../../", import.meta.url));

/** An absolute path from one relative to the repository root. */
export function fromRoot(relative: string): string {
  return join(repoRoot, relative);
}
