/**
 * Counts the statements a Kysely instance runs (BEGIN and COMMIT are not queries here): `db.withPlugin(counter)`.
 * Counted as their results come back, so a query compiled once and run again (`store/prepared-query.ts`) counts
 * each time it runs. Counts the rows they return too.
 */
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';

export class QueryCounter implements KyselyPlugin {
  count = 0;
  /** The rows the statements returned: what a read transfers from the database. */
  rows = 0;
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return args.node;
  }
  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    this.count += 1;
    this.rows += args.result.rows.length;
    return Promise.resolve(args.result);
  }
}
