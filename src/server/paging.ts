/** The page a list route was asked for, from its query string. */
export interface PageRequest {
  limit: number;
  offset: number;
}

/**
 * Loads the page the query string asks for and replies with it and that `limit` and `offset`, which the client
 * pages on (the response schema keeps only the fields it lists).
 */
export async function replyWithPage<T extends object>(
  query: PageRequest,
  load: (page: PageRequest) => Promise<T>,
): Promise<T & PageRequest> {
  const page = { limit: query.limit, offset: query.offset };
  return { ...(await load(page)), ...page };
}
