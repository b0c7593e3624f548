/**
 * Counts the statements a Kysely instance runs (BEGIN and COMMIT are not queries here): `db.withPlugin(counter)`.
 * Counted as their results come back, so a query compiled once and run again (`store/prepared-query.ts`) counts
 * each time it runs.
 */
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';

export class QueryCounter implements KyselyPlugin {
  count = 0;
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return args.node;
  }
  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    this.count += 1;
    return Promise.resolve(args.result);
  }
}
