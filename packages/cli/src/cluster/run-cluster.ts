import {
  type ArgoClient,
  ArgoServerError,
  ConfigError,
  DefinitionConflictError,
  TransportError,
  WaitTimeoutError,
} from '@sluice/client';
import { type CommandIO, UsageError } from '../command.js';
import { ExitCode } from '../exit-codes.js';
import { type ConnectionValues, clientFrom } from './connection.js';

/** A problem with the user's input found before anything was sent: printed as is, exit code 2. */
export class ValidationFailure extends Error {
  override name = 'ValidationFailure';
}

/**
 * Runs a cluster command with a client, mapping failures to the documented exit codes: usage and validation 2,
 * a wait that timed out 1, server and transport errors 3. Messages pass through the client's redaction so the token
 * never reaches the output.
 */
export async function runCluster(
  command: string,
  values: ConnectionValues,
  io: CommandIO,
  body: (client: ArgoClient) => Promise<ExitCode>,
): Promise<ExitCode> {
  let client: ArgoClient;
  try {
    client = clientFrom(values, io);
  } catch (error) {
    if (error instanceof ConfigError) {
      io.stderr.write(`workflow ${command}: ${error.message}\n`);
      return ExitCode.Usage;
    }
    throw error;
  }
  try {
    return await body(client);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const code = exitCodeOf(error);
    if (code === undefined) throw error;
    io.stderr.write(`workflow ${command}: ${client.redact((error as Error).message)}\n`);
    return code;
  } finally {
    client.close();
  }
}

function exitCodeOf(error: unknown): ExitCode | undefined {
  if (error instanceof ValidationFailure || error instanceof DefinitionConflictError) return ExitCode.Usage;
  if (error instanceof WaitTimeoutError) return ExitCode.Failed;
  if (error instanceof ArgoServerError || error instanceof TransportError) return ExitCode.Server;
  return undefined;
}
