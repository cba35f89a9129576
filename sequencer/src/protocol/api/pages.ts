// Cursor pagination of list reads: `limit` (default 50, at most 200) and `after`, the `next` of
// the previous page; `next` is null on the last page. Lists are in a stable order (ids ascending,
// or the ranking for doctor search), so walking the pages lists every item that existed before
// the first page exactly once; items added meanwhile appear if they sort after the cursor.
import { Type } from "@sinclair/typebox";
import { Nullable } from "./primitives";

export const PAGE_LIMIT_DEFAULT = 50;
export const PAGE_LIMIT_MAX = 200;

export const PageLimit = Type.Integer({
  minimum: 1,
  maximum: PAGE_LIMIT_MAX,
  default: PAGE_LIMIT_DEFAULT,
  description: `items per page (default ${PAGE_LIMIT_DEFAULT}, at most ${PAGE_LIMIT_MAX})`,
});

const ID_PATTERN = "^(0|[1-9][0-9]{0,19})$";

/** An id cursor: the page starts after this id. */
export const IdCursor = Type.String({ pattern: ID_PATTERN, description: "start after this id: the `next` of the previous page" });

/** The cursor of the next page, or null when this page is the last. */
export const NextId = Nullable(Type.String({ pattern: ID_PATTERN, description: "pass as `after` for the next page; null on the last page" }));

/** `limit` and `after` of the id-ordered lists. */
export const IdPageQuery = { limit: Type.Optional(PageLimit), after: Type.Optional(IdCursor) };
