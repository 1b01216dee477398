/** react-query as react-admin uses it, retrying only what a retry can fix. */
import { QueryClient } from "@tanstack/react-query";
import { ApiError } from "./dataProvider/errors";

const RETRIES = 2;

/** Network failures and internal errors may pass; a refused sign-in, bad input or an auth check will not. */
export function worthRetrying(failureCount: number, error: unknown): boolean {
  if (!(error instanceof ApiError)) return false;
  const { code, status } = error;
  const transient = (code === undefined && (status === undefined || status >= 500)) || code === "INTERNAL_SERVER_ERROR";
  return transient && failureCount < RETRIES;
}

export function createQueryClient() {
  return new QueryClient({ defaultOptions: { queries: { retry: worthRetrying } } });
}
