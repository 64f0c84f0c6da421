/** The version of the `workflow` command, injected at build time from package.json. */
export const version: string = typeof __SLUICE_VERSION__ === 'string' ? __SLUICE_VERSION__ : '0.0.0-dev';

declare const __SLUICE_VERSION__: string | undefined;
