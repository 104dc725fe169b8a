import type { AlternativeName } from '../../db/schema.js';
import type { ClaimStatus } from '../../db/queries/status.js';
import { apiRecord } from '../urls.js';
import { statusView } from './citations.js';

export interface OwnerRef {
  readonly kind: string;
  readonly id: number;
  readonly name: string;
  readonly href: string;
}

/** An alternative name with its owner, already referenced for the viewer by the caller. */
export function alternativeNameView(row: AlternativeName, parts: { owner: OwnerRef; status: ClaimStatus }) {
  return {
    id: row.id,
    owner: parts.owner,
    name: row.name,
    kind: row.kind,
    language: row.language,
    status: statusView(parts.status),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    href: apiRecord('alternative-names', row.id),
  };
}
