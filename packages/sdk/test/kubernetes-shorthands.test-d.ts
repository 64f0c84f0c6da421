import type { Container, EnvVar, PersistentVolumeClaim, ResourceRequirements, VolumeMount } from '@sluice/argo-types';
import { describe, expectTypeOf, it } from 'vitest';
import { container, dag, emptyDir, env, resources, secretVolume, volume } from '../src/index.js';

describe('Kubernetes shorthands are typed as the Kubernetes fields they fill', () => {
  it('returns the objects a container and a workflow take', () => {
    expectTypeOf(env.fromSecret('A', 's', 'k')).toEqualTypeOf<EnvVar>();
    expectTypeOf(volume({ name: 'w', size: '1Gi', mountPath: '/w' }).claim).toEqualTypeOf<PersistentVolumeClaim>();
    expectTypeOf(emptyDir({ name: 't', mountPath: '/tmp' }).mount).toEqualTypeOf<VolumeMount>();
    expectTypeOf(secretVolume({ secret: 'db', mountPath: '/s' }).mount).toEqualTypeOf<VolumeMount>();
    expectTypeOf(resources({ cpu: '1' })).toEqualTypeOf<ResourceRequirements>();
    expectTypeOf(resources({ cpu: '1' })).toMatchTypeOf<NonNullable<Container['resources']>>();
  });

  it('rejects what Kubernetes would', () => {
    // @ts-expect-error gpus is a number of whole devices
    resources({ gpus: '1' });
    // @ts-expect-error an access mode Kubernetes does not have
    volume({ name: 'w', size: '1Gi', mountPath: '/w', accessModes: ['ReadWriteAll'] });
    // @ts-expect-error only Memory is a medium
    emptyDir({ name: 't', mountPath: '/tmp', medium: 'Disk' });
    // @ts-expect-error a request and a limit, or one quantity for both
    resources({ memory: { request: '1Gi' } });
  });
});

describe('arguments a template does not declare', () => {
  it('go in extraArguments; the declared ones stay typed', () => {
    const echo = container({
      name: 'echo',
      inputs: { parameters: { message: {} } },
      container: { image: 'busybox:1.36' },
    });
    dag('main', (d) => {
      d.task('a', echo, { message: 'x' }, { extraArguments: { parameters: { 'trace-id': 'abc', attempt: 2 } } });
      // @ts-expect-error an undeclared key among the arguments is still a type error
      d.task('b', echo, { message: 'x', traceId: 'abc' });
      // @ts-expect-error extra artifacts take an artifact reference or location, not a number
      d.task('c', echo, { message: 'x' }, { extraArguments: { artifacts: { data: 3 } } });
    });
  });
});
