/**
 * @packageDocumentation
 * @sluice/local — see README.md.
 */

export {};
