import { type ArgoClient, type CreateClientOptions, createClient } from '../../src/index.js';
import { type ContractServer, type ContractServerOptions, startContractServer } from './contract-server.js';

/** A contract server and a client for it, with fast retries. */
export async function serverAndClient(
  serverOptions: ContractServerOptions = {},
  clientOptions: CreateClientOptions = {},
): Promise<{ server: ContractServer; client: ArgoClient; close: () => Promise<void> }> {
  const server = await startContractServer(serverOptions);
  const client = createClient({
    server: server.hostPort,
    secure: serverOptions.tls !== undefined,
    namespace: 'argo',
    env: {},
    retry: { retries: 8, baseDelayMs: 1, maxDelayMs: 8 },
    ...clientOptions,
  });
  return {
    server,
    client,
    close: async () => {
      client.close();
      await server.close();
    },
  };
}

/** A minimal valid workflow. */
export function helloWorkflow(name: string, extra: { message?: string; generate?: boolean } = {}) {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Workflow',
    metadata: extra.generate ? { generateName: `${name}-` } : { name },
    spec: {
      entrypoint: 'main',
      templates: [
        {
          name: 'main',
          container: { image: 'busybox:1.36', command: ['echo', extra.message ?? 'hello'] },
        },
      ],
    },
  };
}
