/**
 * The shape of a member id, shared by work-account sign-in (`oidc-member.ts`), the API and
 * `samplan member add` (`http/member-body.ts`), which checks it before any of the server is loaded.
 */

/** The shape of a member id: lower-case letters, digits, `.`, `_`, `-`, `@`, `+`; an e-mail or UPN fits. */
export const MEMBER_ID_PATTERN = /^[a-z0-9][a-z0-9._@+-]{0,127}$/;
