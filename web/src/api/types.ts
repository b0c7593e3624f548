/**
 * The shapes the API returns. The examination result is the domain's own type (the server sends exactly it);
 * the rest mirror the server's response schemas.
 */
export type {
  ControlResult,
  CriterionResult,
  Deficiency,
  ExaminationResult,
  OpinionKind,
  Severity,
} from '@assay/domain/evaluation/result.js';
export type { Role } from '@assay/domain/access/permissions.js';
import type { Role } from '@assay/domain/access/permissions.js';

export interface User {
  id: string;
  email: string;
  displayName: string;
}

export interface Me {
  kind: 'user' | 'token' | 'operator';
  user: User | null;
  csrfToken: string | null;
}

export interface Organization {
  id: string;
  slug: string;
  name: string;
  role: Role;
  version: number;
}

export interface Paged<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}
