/**
 * The bodies of the workspace and unit routes (`units.ts`), which `samplan workspace` and `samplan
 * unit` read their options by, in a module of their own so that the CLI checks those options
 * before any of the server is loaded.
 */
import { nameText } from '../../shared/validate/plain-text.js';
import { strictBody } from '../../shared/validate/strict-body.js';
import { slugSchema } from '../storage/ids.js';

const nameSchema = nameText();
/** Body of `POST /v1/workspaces`. */
export const workspaceBodySchema = strictBody({ id: slugSchema, name: nameSchema });
/** Body of `POST /v1/workspaces/:ws/units`. */
export const unitBodySchema = strictBody({ code: slugSchema, name: nameSchema, parent: slugSchema.nullable().default(null) });
/** Body of `PATCH /v1/workspaces/:ws/units/:code`. */
export const unitPatchSchema = strictBody({ name: nameSchema.optional(), parent: slugSchema.nullable().optional() });
/** Body of `PATCH /v1/workspaces/:ws`. */
export const workspaceRenameSchema = strictBody({ name: nameSchema });
