/**
 * @packageDocumentation
 * @sluice/sdk — see README.md.
 */

export {};
