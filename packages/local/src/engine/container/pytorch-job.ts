import type { Container, Template, Volume } from '@sluice/argo-types';
import { parseYamlDocuments } from '@sluice/sdk';

interface PodSpecLike {
  readonly containers?: readonly Container[];
  readonly volumes?: readonly Volume[];
  readonly securityContext?: Template['securityContext'];
}

interface PyTorchJobLike {
  readonly kind?: string;
  readonly spec?: {
    readonly pytorchReplicaSpecs?: Readonly<
      Record<string, { readonly replicas?: number; readonly template?: { readonly spec?: PodSpecLike } }>
    >;
  };
}

/** The PyTorchJob a resource template creates, or undefined when it creates something else. */
function pytorchJob(t: Template): PyTorchJobLike | undefined {
  if (t.resource === undefined || (t.resource.action ?? 'create') !== 'create') return undefined;
  let doc: unknown;
  try {
    [doc] = parseYamlDocuments(t.resource.manifest ?? '', `templates.${t.name}.resource.manifest`);
  } catch {
    return undefined;
  }
  const job = doc as PyTorchJobLike | undefined;
  return job?.kind === 'PyTorchJob' ? job : undefined;
}

/** The image of a PyTorchJob template's master, or undefined when the template is not one. */
export function pytorchMasterImage(t: Template): string | undefined {
  return pytorchJob(t)?.spec?.pytorchReplicaSpecs?.Master?.template?.spec?.containers?.[0]?.image;
}

/**
 * A PyTorchJob resource template (a `train` stage) as the container template a local engine runs: the Master
 * replica's first container, with its pod's volumes and security context, and the variables the training
 * operator gives a single-replica job (`RANK=0`, `WORLD_SIZE=1`, `MASTER_ADDR=localhost`). Workers are not
 * started. Other templates are returned as they are.
 *
 * @example
 * ```ts
 * const runnable = asContainerTemplate(trainTemplate); // runnable.container is the master's container
 * ```
 */
export function asContainerTemplate(t: Template): Template {
  const job = pytorchJob(t);
  const pod = job?.spec?.pytorchReplicaSpecs?.Master?.template?.spec;
  const master = pod?.containers?.[0];
  if (job === undefined || master === undefined) return t;
  const { resource: _created, ...rest } = t;
  const env = [
    ...(master.env ?? []),
    { name: 'RANK', value: '0' },
    { name: 'WORLD_SIZE', value: '1' },
    { name: 'MASTER_ADDR', value: 'localhost' },
    { name: 'MASTER_PORT', value: '23456' },
  ];
  return {
    ...rest,
    container: { ...master, env },
    ...(pod?.volumes === undefined ? {} : { volumes: [...(t.volumes ?? []), ...pod.volumes] }),
    ...(pod?.securityContext === undefined ? {} : { securityContext: pod.securityContext }),
  };
}

/** The GPUs a container asks for: `<vendor>/gpu` limits or requests, by resource name. */
export function gpuRequests(container: Pick<Container, 'resources'> | undefined): Record<string, string> {
  const found: Record<string, string> = {};
  const resources = container?.resources;
  for (const list of [resources?.requests, resources?.limits]) {
    for (const [name, value] of Object.entries(list ?? {})) {
      if (name.endsWith('/gpu') && String(value) !== '0') found[name] = String(value);
    }
  }
  return found;
}
