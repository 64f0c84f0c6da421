/**
 * @packageDocumentation
 * @sluice/runtime — see README.md.
 */

export {};
