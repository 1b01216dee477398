/**
 * Our lists page with cursors; react-admin pages by number. The book remembers,
 * per list (resource, filter, page size), the cursor that starts each page.
 */

export class CursorBook {
  private readonly lists = new Map<string, Map<number, string | null>>();

  static key(resource: string, filter: unknown, perPage: number): string {
    return JSON.stringify([resource, filter ?? {}, perPage]);
  }

  private pages(key: string): Map<number, string | null> {
    let pages = this.lists.get(key);
    if (!pages) {
      pages = new Map([[1, null]]);
      this.lists.set(key, pages);
    }
    return pages;
  }

  /** The cursor that starts `page` (null for page 1), or undefined when not yet known. */
  cursor(key: string, page: number): string | null | undefined {
    return this.pages(key).get(page);
  }

  /** The highest page at or below `page` whose start is known. */
  nearestKnown(key: string, page: number): number {
    const pages = this.pages(key);
    for (let known = page; known > 1; known--) if (pages.has(known)) return known;
    return 1;
  }

  /** Record where the page after `page` starts. */
  recordNext(key: string, page: number, endCursor: string | null | undefined) {
    if (endCursor) this.pages(key).set(page + 1, endCursor);
  }

  /** Start `page` where the page after it would have started: the API answered it empty but not finished. */
  skipEmpty(key: string, page: number): boolean {
    const next = this.pages(key).get(page + 1);
    if (!next) return false;
    this.pages(key).set(page, next);
    this.pages(key).delete(page + 1);
    return true;
  }

  /** Forget every list of a resource (after a create or update the cursors may shift). */
  forget(resource: string) {
    for (const key of this.lists.keys()) if ((JSON.parse(key) as unknown[])[0] === resource) this.lists.delete(key);
  }
}
