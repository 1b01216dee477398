import { NotFoundError } from "../functions/core/errors.js";

/** Turn NOT_FOUND into null for nullable single-item queries. */
export async function orNull<T>(promise: Promise<T>): Promise<T | null> {
  try {
    return await promise;
  } catch (error) {
    if (error instanceof NotFoundError) return null;
    throw error;
  }
}
