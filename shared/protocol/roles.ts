/**
 * The roles of a workspace member (DESIGN.md), from most to least rights: `admin` manages the
 * workspace, `coordinator` a county group's documents and rows, `editor` the rows of their own
 * units, `viewer` reads. The server's policy, the API, presence and the pane all take them from here.
 */
import { z } from 'zod';

/** Every role, from most to least rights. */
export const ROLES = ['admin', 'coordinator', 'editor', 'viewer'] as const;

/** One role. */
export type Role = (typeof ROLES)[number];

/** A role, as zod checks it. */
export const roleSchema = z.enum(ROLES);
