/**
 * An id as staff read it where no name exists: its last 8 characters (an order id
 * 0f8c61d2-…-9b1e2a7d4c3f shows as 2a7d4c3f). Put the whole id in a title attribute for copying.
 */
export function shortId(id: string | null | undefined, length = 8): string {
  if (!id) return "";
  return id.length > length ? id.slice(-length) : id;
}
