/**
 * Controls of an engagement (DESIGN §4 `controls/*.yaml`), listed with the conclusion the engine reaches for
 * each and checked by the domain's control rules; archived rather than deleted (the archive service), so the
 * engagement always exports as a valid workspace.
 */
import {
  ValidationError,
  compensationProblems,
  criteriaProblems,
  jsonPath,
  locateProblems,
  type Control,
  type ControlConclusion,
  type Issue,
} from '../../domain/index.js';
import type { ControlFilters, ControlsRepository, StoredControl } from '../../store/controls-repository.js';
import { MAX_PAGE_SIZE } from '../../domain/limits.js';
import type { Executor, Page, Paged } from '../../store/values.js';
import type { Access } from '../platform/access.js';
import type { Actor } from '../platform/actor.js';
import type { AuditLog } from '../platform/audit.js';
import type { EngagementKeyReading, ExaminationService } from './examination-service.js';
import { LruCache } from '../platform/lru-cache.js';
import { UnderWay } from '../platform/under-way.js';
import { at, ownsControl, type EngagementScope } from './engagement-scope.js';

/** Pages of controls one process keeps (a page of 1,000 controls is a few hundred kilobytes). */
export const DEFAULT_PAGE_CACHE_SIZE = 100;

export interface ListedControl extends StoredControl {
  /** The engine's conclusion on the control in the engagement's current state. */
  conclusion: ControlConclusion | null;
}

export type ControlListFilters = Omit<ControlFilters, 'codes' | 'compensating'> & { conclusion?: ControlConclusion };

/** What a change of a control may set: everything but its id, which tests and other controls refer to. */
export type ControlPatch = Partial<Omit<Control, 'id'>>;

/** Lists without repeats, in their first order. */
function normalize<T extends Partial<Control>>(control: T): T {
  return {
    ...control,
    ...(control.criteria !== undefined && { criteria: [...new Set(control.criteria)] }),
    ...(control.compensates !== undefined && { compensates: [...new Set(control.compensates)] }),
  };
}

/**
 * The key of a page of an engagement's controls at a revision. Built on every list request, so the plain list
 * (no filter) does without JSON; the filters' JSON holds no raw NUL, and nothing before it holds a colon.
 */
export function pageKey(engagementId: string, revision: number, page: Page & ControlListFilters): string {
  const { limit, offset, criterion, owner, search, conclusion, archived } = page;
  const filtered = criterion !== undefined || owner !== undefined || search !== undefined || conclusion !== undefined || archived !== undefined;
  const filters = filtered ? JSON.stringify([criterion, owner, search, conclusion, archived]) : '';
  return `${revision}:${limit}:${offset}:${filters}\u0000${engagementId}`;
}

export function createControlsService(deps: {
  db: Executor;
  controls: Pick<ControlsRepository, 'create' | 'findByCode' | 'list' | 'update'>;
  examination: Pick<ExaminationService, 'current'>;
  lookup: EngagementScope;
  access: Access;
  audit: AuditLog;
  /** How many pages of controls one process keeps. */
  pageCacheSize?: number;
}) {
  const { db, controls, examination, lookup, access, audit } = deps;
  /**
   * Pages of controls by engagement, revision and query. The revision comes from the engagement's current
   * evaluation, read from the database on each request (see the examination service), so a page is served
   * again only while nothing the engine reads has changed, in whichever process the change was made.
   */
  const pages = new LruCache<Readonly<Paged<ListedControl>>>(deps.pageCacheSize ?? DEFAULT_PAGE_CACHE_SIZE);
  /**
   * The pages being read, by the same key: requests that come while one is read share it (every write makes a
   * new revision, and then all the readers of the list would each read the same page).
   */
  const reading = new UnderWay<Readonly<Paged<ListedControl>>>();

  /** Every problem with the criteria and compensations of `control` (of id `controlId`), at their JSON paths. */
  async function check(engagementId: string, controlId: string, control: ControlPatch, trx: Executor): Promise<Issue[]> {
    const targets = control.compensates ?? [];
    const known = new Set<string>();
    const archived = new Set<string>();
    for (let i = 0; i < targets.length; i += MAX_PAGE_SIZE) {
      const codes = targets.slice(i, i + MAX_PAGE_SIZE);
      const found = await controls.list(engagementId, { limit: codes.length, offset: 0, codes, archived: 'include' }, trx);
      for (const c of found.items) (c.archivedAt === null ? known : archived).add(c.id);
    }
    const problems = [...criteriaProblems(control.criteria ?? []), ...compensationProblems(controlId, targets, (id) => (known.has(id) ? 'in use' : archived.has(id) ? 'archived' : undefined))];
    return locateProblems(problems, jsonPath);
  }

  return {
    /**
     * The engagement's controls in their order, filtered, each with its conclusion. While the engagement is
     * unchanged the same page object is returned again: it must not be modified. `known`: the engagement's key
     * as the request read it with its caller, if it did.
     */
    async list(
      actor: Actor,
      organizationId: string,
      engagementId: string,
      page: Page & ControlListFilters,
      known?: EngagementKeyReading | null,
    ): Promise<Readonly<Paged<ListedControl>>> {
      await access.require(actor, organizationId, 'control.read');
      const { revision, conclusions } = await examination.current(organizationId, engagementId, known);
      const { limit, offset, criterion, owner, search, conclusion, archived } = page;
      const key = pageKey(engagementId, revision, page);
      const cached = pages.get(key) ?? reading.get(key);
      if (cached) return cached;
      // Rows read now are of this revision or a later one; a later one's key is never asked for again with
      // this revision, so a page is never served for a state older than the one it shows. A request sharing a
      // read under way has an evaluation of the same revision, so the rows are as new as its key too.
      const codes =
        conclusion === undefined ? undefined : [...conclusions].filter(([, c]) => c === conclusion).map(([id]) => id);
      return reading.start(key, async () => {
        const { items, total } = await controls.list(engagementId, {
          limit,
          offset,
          ...(criterion !== undefined && { criterion }),
          ...(owner !== undefined && { owner }),
          ...(search !== undefined && { search }),
          ...(archived !== undefined && { archived }),
          ...(codes && { codes }),
        });
        const found = Object.freeze({ items: items.map((c) => ({ ...c, conclusion: conclusions.get(c.id) ?? null })), total });
        pages.set(key, found);
        return found;
      });
    },

    async get(actor: Actor, organizationId: string, engagementId: string, controlId: string): Promise<StoredControl> {
      await access.require(actor, organizationId, 'control.read');
      return lookup.control(organizationId, engagementId, controlId);
    },

    async create(actor: Actor, organizationId: string, engagementId: string, input: Control): Promise<StoredControl> {
      await access.require(actor, organizationId, 'control.manage');
      const control = normalize(input);
      return db.transaction().execute(async (trx) => {
        await lookup.engagementForChange(organizationId, engagementId, trx);
        const issues = await check(engagementId, control.id, control, trx);
        const existing = await controls.findByCode(engagementId, control.id, trx);
        if (existing) {
          const archived = existing.archivedAt === null ? '' : ' (archived: an admin can restore it)';
          issues.unshift({ location: at('id'), message: `a control with the id "${control.id}" already exists in this engagement${archived}` });
        }
        if (issues.length > 0) throw new ValidationError(issues, 'The control cannot be created');
        const created = await controls.create(engagementId, control, trx);
        await audit.record(trx, actor, { type: 'control.created', organizationId, subject: `control:${created.rowId}`, after: created });
        return created;
      });
    },

    /**
     * Changes a control at `expectedVersion` (stale: ConflictError, nothing changed). The programme's managers
     * may change any control; an owner only a control whose `owner` is its email.
     */
    async update(
      actor: Actor,
      organizationId: string,
      engagementId: string,
      controlId: string,
      expectedVersion: number,
      input: ControlPatch,
    ): Promise<StoredControl> {
      const patch = normalize(input);
      return db.transaction().execute(async (trx) => {
        const before = await lookup.controlForChange(organizationId, engagementId, controlId, trx);
        await access.require(actor, organizationId, 'control.update', ownsControl(actor, before));
        if (before.version === expectedVersion) {
          const issues = await check(engagementId, controlId, patch, trx);
          if (issues.length > 0) throw new ValidationError(issues, 'The control cannot be changed');
        }
        const after = await controls.update(before.rowId, expectedVersion, patch, trx);
        await audit.record(trx, actor, { type: 'control.updated', organizationId, subject: `control:${before.rowId}`, before, after });
        return after;
      });
    },
  };
}

export type ControlsService = ReturnType<typeof createControlsService>;
