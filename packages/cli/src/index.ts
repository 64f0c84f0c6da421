/**
 * @packageDocumentation
 * @sluice/cli — see README.md.
 */

export {};
