import type { DatasetRef } from '@sluice/data';

/** The events as extracted, one partition per execution date, under the lake root. */
export function rawEvents(lakeRoot: string): DatasetRef {
  return { root: lakeRoot, name: 'raw_events' };
}

/** The published events, under the store root. Only the load stage writes it. */
export function publishedEvents(storeRoot: string): DatasetRef {
  return { root: storeRoot, name: 'events' };
}
