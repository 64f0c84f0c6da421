/**
 * @packageDocumentation
 * @sluice/data — see README.md.
 */

export {};
