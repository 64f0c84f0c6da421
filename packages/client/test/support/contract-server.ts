import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Workflow } from '@sluice/argo-types';
import { ArgoFault, ArgoState, matchesLabels, type Outcome } from './argo-state.js';
import { checkSchema, loadSwagger, type SwaggerOperation, type SwaggerSchema, type SwaggerSpec } from './swagger.js';

/** Ways the server can misbehave on purpose. */
export type FaultKind = 'reset' | 'reset-after' | '502' | '503' | '502-after';

/** Options of {@link startContractServer}. */
export interface ContractServerOptions {
  /** Serve HTTPS with this certificate. */
  readonly tls?: { cert: string; key: string };
  /** Require exactly this `Authorization` header (401 otherwise). */
  readonly token?: string;
  /** A path prefix (ARGO_BASE_HREF) the server lives under. */
  readonly baseHref?: string;
  /** Milliseconds per phase step of a running workflow. Default 10. */
  readonly tickMs?: number;
  /** How each workflow ends. Default: Succeeded. */
  readonly outcome?: (workflow: Workflow) => Outcome;
  /** Seed of every random choice (generated names, faults). Default 1. */
  readonly seed?: number;
  /** Add fields this Argo version does not define to every answer (after checking it against the spec). */
  readonly unknownFields?: boolean;
  /**
   * The Argo release to be: its swagger.json (`versions/<tag>/` beside the newest) and the version it reports.
   * Default: the newest, v4.1.0.
   */
  readonly release?: string;
}

/** Faults to inject into plain (non-stream) requests. */
export interface FaultPlan {
  /** Fraction of requests that fail, 0..1. */
  readonly rate: number;
  /** Which faults to choose from (uniformly). */
  readonly kinds: readonly FaultKind[];
  /** Only requests of these operationIds; all when left out. */
  readonly operations?: readonly string[];
}

/** A request as the server saw it. */
export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly operationId: string | undefined;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: unknown;
  readonly status: number;
  readonly fault: FaultKind | undefined;
}

/** A running contract server. */
export interface ContractServer {
  /** `host:port`, what ARGO_SERVER takes. */
  readonly hostPort: string;
  /** The in-memory state. */
  readonly state: ArgoState;
  /** Every request, in order. */
  readonly requests: RecordedRequest[];
  /** Answers the server sent that the spec does not allow (should stay empty). */
  readonly violations: string[];
  /** Sets or clears fault injection. */
  setFaults(plan: FaultPlan | undefined): void;
  /** Cut every open stream after this many events (simulates dropped watch connections), or never. */
  dropStreamsAfter(events: number | undefined): void;
  /** Stops the server. */
  close(): Promise<void>;
}

interface Route {
  readonly method: string;
  readonly template: string;
  readonly regex: RegExp;
  readonly names: string[];
  readonly operation: SwaggerOperation;
}

/**
 * Starts a fake Argo Server on loopback, built from the upstream swagger.json: requests whose method, path, query
 * or body the spec does not allow get a 400 naming the mismatch; answers are checked against the spec's response
 * schemas; workflows live in memory and run through their phases; watch and log streams use the server's SSE framing.
 */
export async function startContractServer(options: ContractServerOptions = {}): Promise<ContractServer> {
  const spec = loadSwagger(options.release);
  const routes = compileRoutes(spec);
  const random = mulberry32(options.seed ?? 1);
  const faultRandom = mulberry32((options.seed ?? 1) * 7919);
  const state = new ArgoState(random, options.tickMs ?? 10, options.outcome ?? (() => 'Succeeded'));
  const requests: RecordedRequest[] = [];
  const violations: string[] = [];
  const sockets = new Set<import('node:net').Socket>();
  const streams = new Set<http.ServerResponse>();
  let faults: FaultPlan | undefined;
  let dropAfter: number | undefined;
  const base = (options.baseHref ?? '').replace(/\/+$/, '');

  const handler = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://localhost');
    const record = (status: number, operationId: string | undefined, body: unknown, fault?: FaultKind) =>
      requests.push({
        method: req.method ?? '',
        url: req.url ?? '',
        operationId,
        headers: req.headers,
        body,
        status,
        fault,
      });
    const reply = (status: number, body: unknown, op: SwaggerOperation | undefined, parsed: unknown) => {
      const schema = op?.responses[status === 200 ? '200' : 'default']?.schema;
      if (op && schema) check(spec, schema, body, `${op.operationId} ${status} answer`, violations);
      const text = JSON.stringify(options.unknownFields ? withUnknownFields(body) : body);
      res.writeHead(status, { 'Content-Type': 'application/json' }).end(text);
      record(status, op?.operationId, parsed);
    };
    const mismatch = (message: string, op?: SwaggerOperation, parsed?: unknown) =>
      reply(400, { code: 3, message: `contract: ${message}` }, op, parsed);

    if (base !== '' && !url.pathname.startsWith(`${base}/`))
      return mismatch(`path ${url.pathname} is not under ${base}`);
    const pathname = url.pathname.slice(base.length);
    const candidates = routes.filter((r) => r.regex.test(pathname));
    if (candidates.length === 0) return mismatch(`no path in swagger.json matches ${pathname}`);
    const route = candidates.find((r) => r.method === req.method);
    if (route === undefined) {
      return mismatch(
        `${req.method} is not allowed on ${pathname}; the spec has ${candidates.map((r) => r.method).join(', ')}`,
      );
    }
    const op = route.operation;
    const match = route.regex.exec(pathname);
    const params: Record<string, string> = {};
    route.names.forEach((name, i) => {
      params[name] = decodeURIComponent(match?.[i + 1] ?? '');
    });
    let body: unknown;
    try {
      body = raw === '' ? undefined : JSON.parse(raw);
    } catch {
      return mismatch(`${op.operationId}: the body is not JSON`, op);
    }
    const problem = checkRequest(spec, op, url.searchParams, body, params, req.headers);
    if (problem !== undefined) return mismatch(`${op.operationId}: ${problem}`, op, body);
    if (options.token !== undefined && req.headers.authorization !== options.token) {
      return reply(401, { code: 16, message: 'token not valid' }, op, body);
    }

    const plan = faults;
    let fault: FaultKind | undefined;
    if (plan && (!plan.operations || plan.operations.includes(op.operationId)) && faultRandom() < plan.rate) {
      fault = plan.kinds[Math.floor(faultRandom() * plan.kinds.length)];
    }
    if (fault === 'reset') {
      record(0, op.operationId, body, fault);
      req.socket.destroy();
      return;
    }
    if (fault === '502' || fault === '503') {
      record(Number(fault), op.operationId, body, fault);
      res.writeHead(Number(fault), { 'Content-Type': 'text/html' }).end(`<html>${fault} from the proxy</html>`);
      return;
    }

    const query = Object.fromEntries(url.searchParams);
    if (op.operationId === 'WorkflowService_WatchWorkflows' || op.operationId.endsWith('Logs')) {
      return stream(op, params, query, body, res, record);
    }
    let status = 200;
    let answer: unknown;
    try {
      answer = handle(op.operationId, params, query, (body ?? {}) as Record<string, unknown>);
    } catch (error) {
      if (!(error instanceof ArgoFault)) throw error;
      status = error.status;
      answer = { code: error.code, message: error.message };
    }
    if (fault === 'reset-after') {
      record(0, op.operationId, body, fault);
      req.socket.destroy();
      return;
    }
    if (fault === '502-after') {
      record(502, op.operationId, body, fault);
      res.writeHead(502, { 'Content-Type': 'text/plain' }).end('bad gateway');
      return;
    }
    reply(status, answer, op, body);
  };

  const handle = (
    id: string,
    p: Record<string, string>,
    q: Record<string, string>,
    b: Record<string, unknown>,
  ): unknown => {
    const ns = p.namespace ?? '';
    switch (id) {
      case 'WorkflowService_CreateWorkflow':
        return state.createWorkflow(ns, b.workflow as Workflow, b.serverDryRun === true);
      case 'WorkflowService_LintWorkflow':
        return state.lintWorkflow(b.workflow as Workflow);
      case 'WorkflowService_SubmitWorkflow':
        return state.submitFrom(ns, b);
      case 'WorkflowService_GetWorkflow':
        return applyFields(state.getWorkflow(ns, p.name ?? ''), q.fields);
      case 'WorkflowService_ListWorkflows':
        return list([...state.workflows.values()], ns, q);
      case 'WorkflowService_DeleteWorkflow':
        state.deleteWorkflow(ns, p.name ?? '');
        return {};
      case 'WorkflowService_RetryWorkflow':
      case 'WorkflowService_ResubmitWorkflow':
      case 'WorkflowService_StopWorkflow':
      case 'WorkflowService_TerminateWorkflow':
      case 'WorkflowService_SuspendWorkflow':
      case 'WorkflowService_ResumeWorkflow':
        return state.action(
          ns,
          p.name ?? '',
          id.replace('WorkflowService_', '').replace('Workflow', '').toLowerCase(),
          b,
        );
      case 'WorkflowTemplateService_CreateWorkflowTemplate':
        return createObject(state.templates, `${ns}/`, 'workflowtemplates', b.template, ns);
      case 'WorkflowTemplateService_GetWorkflowTemplate':
        return getObject(state.templates, `${ns}/${p.name}`, 'workflowtemplates');
      case 'WorkflowTemplateService_ListWorkflowTemplates':
        return list([...state.templates.values()], ns, q);
      case 'WorkflowTemplateService_UpdateWorkflowTemplate':
        return updateObject(state.templates, `${ns}/${p.name}`, 'workflowtemplates', b.template);
      case 'WorkflowTemplateService_DeleteWorkflowTemplate':
        getObject(state.templates, `${ns}/${p.name}`, 'workflowtemplates');
        state.templates.delete(`${ns}/${p.name}`);
        return {};
      case 'WorkflowTemplateService_LintWorkflowTemplate':
      case 'ClusterWorkflowTemplateService_LintClusterWorkflowTemplate':
        return lintTemplate(b.template);
      case 'ClusterWorkflowTemplateService_CreateClusterWorkflowTemplate':
        return createObject(state.clusterTemplates, '', 'clusterworkflowtemplates', b.template, undefined);
      case 'ClusterWorkflowTemplateService_GetClusterWorkflowTemplate':
        return getObject(state.clusterTemplates, p.name ?? '', 'clusterworkflowtemplates');
      case 'ClusterWorkflowTemplateService_ListClusterWorkflowTemplates':
        return list([...state.clusterTemplates.values()], '', q);
      case 'ClusterWorkflowTemplateService_UpdateClusterWorkflowTemplate':
        return updateObject(state.clusterTemplates, p.name ?? '', 'clusterworkflowtemplates', b.template);
      case 'ClusterWorkflowTemplateService_DeleteClusterWorkflowTemplate':
        getObject(state.clusterTemplates, p.name ?? '', 'clusterworkflowtemplates');
        state.clusterTemplates.delete(p.name ?? '');
        return {};
      case 'CronWorkflowService_CreateCronWorkflow':
        return createObject(state.crons, `${ns}/`, 'cronworkflows', b.cronWorkflow, ns);
      case 'CronWorkflowService_GetCronWorkflow':
        return getObject(state.crons, `${ns}/${p.name}`, 'cronworkflows');
      case 'CronWorkflowService_ListCronWorkflows':
        return list([...state.crons.values()], ns, q);
      case 'CronWorkflowService_UpdateCronWorkflow':
        return updateObject(state.crons, `${ns}/${p.name}`, 'cronworkflows', b.cronWorkflow);
      case 'CronWorkflowService_DeleteCronWorkflow':
        getObject(state.crons, `${ns}/${p.name}`, 'cronworkflows');
        state.crons.delete(`${ns}/${p.name}`);
        return {};
      case 'CronWorkflowService_LintCronWorkflow':
        return b.cronWorkflow;
      case 'CronWorkflowService_SuspendCronWorkflow':
      case 'CronWorkflowService_ResumeCronWorkflow': {
        const cron = getObject(state.crons, `${ns}/${p.name}`, 'cronworkflows');
        const next = { ...cron, spec: { ...(cron.spec as object), suspend: id.includes('Suspend') } };
        state.crons.set(`${ns}/${p.name}`, next);
        return next;
      }
      case 'InfoService_GetVersion':
        return {
          version: options.release ?? 'v4.1.0',
          buildDate: '2026-01-01T00:00:00Z',
          gitCommit: 'contract',
          gitTag: options.release ?? 'v4.1.0',
          gitTreeState: 'clean',
          goVersion: 'go1.24',
          compiler: 'gc',
          platform: 'linux/amd64',
        };
      case 'InfoService_GetInfo':
        return { managedNamespace: 'argo', links: [], modals: {} };
      case 'InfoService_GetUserInfo':
        return { subject: 'system:serviceaccount:argo:ci', serviceAccountName: 'ci', serviceAccountNamespace: 'argo' };
      default:
        throw new ArgoFault(501, 12, `contract server: ${id} is valid but not implemented here`);
    }
  };

  const createObject = (
    map: Map<string, Record<string, unknown>>,
    prefix: string,
    kind: string,
    input: unknown,
    namespace: string | undefined,
  ) => {
    const object = lintTemplate(input);
    const meta = object.metadata as Record<string, unknown>;
    const name = String(meta.name ?? '');
    if (name === '') throw new ArgoFault(400, 3, 'metadata.name is required');
    if (map.has(prefix + name)) throw new ArgoFault(409, 6, `${kind}.argoproj.io "${name}" already exists`);
    const stored = {
      ...object,
      metadata: { ...meta, ...(namespace ? { namespace } : {}), resourceVersion: '1', uid: `uid-${name}` },
    };
    map.set(prefix + name, stored);
    return stored;
  };
  const getObject = (map: Map<string, Record<string, unknown>>, key: string, kind: string) => {
    const found = map.get(key);
    if (found === undefined) throw new ArgoFault(404, 5, `${kind}.argoproj.io "${key.split('/').pop()}" not found`);
    return found;
  };
  const updateObject = (map: Map<string, Record<string, unknown>>, key: string, kind: string, input: unknown) => {
    const existing = getObject(map, key, kind);
    const object = lintTemplate(input);
    const meta = object.metadata as Record<string, unknown>;
    const current = (existing.metadata as Record<string, unknown>).resourceVersion;
    if (meta.resourceVersion !== undefined && meta.resourceVersion !== current) {
      throw new ArgoFault(409, 10, `the object has been modified; please apply your changes to the latest version`);
    }
    const stored = { ...object, metadata: { ...meta, resourceVersion: String(Number(current) + 1) } };
    map.set(key, stored);
    return stored;
  };

  const stream = (
    op: SwaggerOperation,
    params: Record<string, string>,
    query: Record<string, string>,
    body: unknown,
    res: http.ServerResponse,
    record: (status: number, op: string, body: unknown) => void,
  ) => {
    const schema = op.responses['200']?.schema as SwaggerSchema;
    const ns = params.namespace ?? '';
    let sent = 0;
    const close = () => {
      unsubscribe();
      streams.delete(res);
      res.end();
    };
    const send = (frame: unknown) => {
      check(spec, schema, frame, `${op.operationId} stream frame`, violations);
      res.write(`data: ${JSON.stringify(options.unknownFields ? withUnknownFields(frame) : frame)}\n\n`);
      sent++;
      if (dropAfter !== undefined && sent >= dropAfter) {
        unsubscribe();
        streams.delete(res);
        res.socket?.destroy();
      }
    };
    let unsubscribe = () => {};
    if (op.operationId === 'WorkflowService_WatchWorkflows') {
      const name = /metadata\.name=([^,]+)/.exec(query['listOptions.fieldSelector'] ?? '')?.[1];
      const wanted = (wf: Workflow) =>
        (ns === '' || wf.metadata.namespace === ns) &&
        (name === undefined || wf.metadata.name === name) &&
        matchesLabels(query['listOptions.labelSelector'], wf.metadata.labels);
      res.writeHead(200, { 'Content-Type': 'text/event-stream' });
      streams.add(res);
      record(200, op.operationId, body);
      unsubscribe = state.subscribe((type, wf) => {
        if (wanted(wf)) send({ result: { type, object: wf } });
      });
      for (const wf of state.workflows.values())
        if (wanted(wf) && !res.destroyed) send({ result: { type: 'ADDED', object: wf } });
      return;
    }
    const key = `${ns}/${params.name}`;
    let workflow: Workflow;
    try {
      workflow = state.getWorkflow(ns, params.name ?? '');
    } catch (error) {
      const fault = error as ArgoFault;
      res
        .writeHead(fault.status, { 'Content-Type': 'application/json' })
        .end(JSON.stringify({ code: fault.code, message: fault.message }));
      record(fault.status, op.operationId, body);
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/event-stream' });
    streams.add(res);
    record(200, op.operationId, body);
    const grep = query.grep;
    const pod = params.podName;
    const emit = (podName: string, content: string) => {
      if ((pod === undefined || pod === podName) && (grep === undefined || content.includes(grep))) {
        send({ result: { podName, content } });
      }
    };
    for (const line of state.logs.get(key) ?? []) emit(line.podName, line.content);
    const finished = (wf: Workflow | undefined) => ['Succeeded', 'Failed', 'Error'].includes(wf?.status?.phase ?? '');
    if (query['logOptions.follow'] !== 'true' || finished(workflow)) return close();
    const offLogs = state.subscribeLogs(key, emit);
    const offState = state.subscribe((type, wf) => {
      if (`${wf.metadata.namespace}/${wf.metadata.name}` === key && (type === 'DELETED' || finished(wf))) close();
    });
    unsubscribe = () => {
      offLogs();
      offState();
    };
  };

  const server = options.tls
    ? https.createServer({ cert: options.tls.cert, key: options.tls.key }, (req, res) => void handler(req, res))
    : http.createServer((req, res) => void handler(req, res));
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('secureConnection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    hostPort: `127.0.0.1:${port}`,
    state,
    requests,
    violations,
    setFaults: (plan) => {
      faults = plan;
    },
    dropStreamsAfter: (n) => {
      dropAfter = n;
    },
    close: async () => {
      state.stop();
      for (const res of streams) res.end();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function compileRoutes(spec: SwaggerSpec): Route[] {
  const routes: Route[] = [];
  for (const [template, methods] of Object.entries(spec.paths)) {
    const names: string[] = [];
    const pattern = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{([^}]+)\}/g, (_, name: string) => {
      names.push(name);
      return '([^/]*)';
    });
    for (const [method, operation] of Object.entries(methods)) {
      if (method === 'parameters') continue;
      routes.push({ method: method.toUpperCase(), template, regex: new RegExp(`^${pattern}$`), names, operation });
    }
  }
  // Literal segments win over parameters: `/workflows/{ns}/lint` before `/workflows/{ns}/{name}`.
  return routes.sort((a, b) => a.names.length - b.names.length);
}

function checkRequest(
  spec: SwaggerSpec,
  op: SwaggerOperation,
  query: URLSearchParams,
  body: unknown,
  params: Record<string, string>,
  headers: http.IncomingHttpHeaders,
): string | undefined {
  const parameters = op.parameters ?? [];
  for (const name of new Set(query.keys())) {
    const param = parameters.find((p) => p.in === 'query' && p.name === name);
    if (param === undefined) {
      const known = parameters.filter((p) => p.in === 'query').map((p) => p.name);
      return `query parameter "${name}" is not in the spec${known.length > 0 ? ` (known: ${known.join(', ')})` : ''}`;
    }
    const values = query.getAll(name);
    if (param.type !== 'array' && values.length > 1) return `query parameter "${name}" given ${values.length} times`;
    for (const value of values) {
      const type = param.type === 'array' ? param.items?.type : param.type;
      if (type === 'boolean' && value !== 'true' && value !== 'false')
        return `query "${name}" must be true or false, got "${value}"`;
      if ((type === 'integer' || param.format === 'int64') && !/^-?\d+$/.test(value)) {
        return `query "${name}" must be an integer, got "${value}"`;
      }
      if (param.enum && !param.enum.includes(value)) return `query "${name}" must be one of ${param.enum.join(', ')}`;
    }
  }
  const bodyParam = parameters.find((p) => p.in === 'body');
  if (bodyParam === undefined) {
    return body === undefined ? undefined : `${op.operationId} takes no body, one was sent`;
  }
  if (body === undefined) return 'a JSON body is required';
  if (!String(headers['content-type'] ?? '').startsWith('application/json')) {
    return `Content-Type must be application/json, got "${headers['content-type'] ?? ''}"`;
  }
  const issues = checkSchema(spec, bodyParam.schema ?? {}, body, 'body');
  if (issues.length > 0) return issues.map((i) => `${i.path}: ${i.message}`).join('; ');
  const record = body as Record<string, unknown>;
  for (const [name, value] of Object.entries(params)) {
    if (record[name] !== undefined && record[name] !== value) {
      return `body.${name} "${String(record[name])}" differs from the path's ${name} "${value}"`;
    }
  }
  return undefined;
}

function check(spec: SwaggerSpec, schema: SwaggerSchema, value: unknown, what: string, violations: string[]): void {
  for (const issue of checkSchema(spec, schema, value, '')) violations.push(`${what}: ${issue.path}: ${issue.message}`);
}

function list(items: Record<string, unknown>[] | Workflow[], namespace: string, q: Record<string, string>) {
  const meta = (o: unknown) =>
    (o as { metadata: { namespace?: string; name?: string; labels?: Record<string, string> } }).metadata;
  let matched = (items as unknown[]).filter(
    (o) =>
      (namespace === '' || meta(o).namespace === undefined || meta(o).namespace === namespace) &&
      matchesLabels(q['listOptions.labelSelector'], meta(o).labels),
  );
  const name = /metadata\.name=([^,]+)/.exec(q['listOptions.fieldSelector'] ?? '')?.[1];
  if (name !== undefined) {
    const filter = q.nameFilter ?? 'Exact';
    matched = matched.filter((o) => {
      const n = meta(o).name ?? '';
      return filter === 'Prefix' ? n.startsWith(name) : filter === 'Contains' ? n.includes(name) : n === name;
    });
  }
  matched.sort((a, b) => (meta(a).name ?? '').localeCompare(meta(b).name ?? ''));
  const start = Number(q['listOptions.continue'] ?? 0);
  const limit = Number(q['listOptions.limit'] ?? 0);
  const end = limit > 0 ? start + limit : matched.length;
  const page = matched
    .slice(start, end)
    .map((o) => (q.fields === undefined ? o : applyFields(o as Workflow, '-status.nodes')));
  return { metadata: end < matched.length ? { continue: String(end) } : {}, items: page };
}

function applyFields(workflow: Workflow, fields: string | undefined): Workflow {
  if (fields === '-status.nodes') {
    const { nodes: _, ...status } = workflow.status ?? {};
    return { ...workflow, status };
  }
  return workflow;
}

function lintTemplate(input: unknown): Record<string, unknown> {
  const object = (input ?? {}) as Record<string, unknown>;
  if (typeof object.metadata !== 'object' || object.metadata === null) {
    throw new ArgoFault(400, 3, 'metadata is required');
  }
  return object;
}

function withUnknownFields(body: unknown): unknown {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return body;
  const copy: Record<string, unknown> = { ...(body as Record<string, unknown>), fromArgoV9: { shape: ['new'] } };
  for (const key of ['metadata', 'status', 'result', 'object']) {
    if (typeof copy[key] === 'object' && copy[key] !== null) copy[key] = withUnknownFields(copy[key]);
  }
  return copy;
}

/** A small seeded PRNG, so every fault run repeats exactly. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
