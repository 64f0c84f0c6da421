/**
 * @packageDocumentation
 * @sluice/client — see README.md.
 */

export {};
