import { has, type Json, list, obj, str } from './json.js';

/** Argo's `validateArtifactLocation`: git needs a repo; HDFS needs addresses, an absolute path and a user or Kerberos. */
export function locationProblems(prefix: string, location: Json): string[] {
  const problems: string[] = [];
  if (has(location, 'git') && str(obj(location.git).repo) === '') problems.push(`${prefix}.git.repo is required`);
  if (has(location, 'hdfs')) {
    const hdfs = obj(location.hdfs);
    const p = `${prefix}.hdfs`;
    if (list(hdfs.addresses).length === 0) problems.push(`${p}.addresses is required`);
    const path = str(hdfs.path);
    if (path === '') problems.push(`${p}.path is required`);
    else if (!path.startsWith('/')) problems.push(`${p}.path must be a absolute file path`);
    const ccache = has(hdfs, 'krbCCacheSecret');
    const keytab = has(hdfs, 'krbKeytabSecret');
    if (str(hdfs.hdfsUser) === '' && !ccache && !keytab) {
      problems.push(`either ${p}.hdfsUser, ${p}.krbCCacheSecret or ${p}.krbKeytabSecret is required`);
    }
    const kerberos = (...keys: string[]) => keys.every((k) => has(hdfs, k) && hdfs[k] !== '');
    if (keytab && !kerberos('krbServicePrincipalName', 'krbConfigConfigMap', 'krbUsername', 'krbRealm')) {
      problems.push(
        `${p}.krbServicePrincipalName, ${p}.krbConfigConfigMap, ${p}.krbUsername and ${p}.krbRealm are required with ${p}.krbKeytabSecret`,
      );
    }
    if (ccache && !kerberos('krbServicePrincipalName', 'krbConfigConfigMap')) {
      problems.push(`${p}.krbServicePrincipalName and ${p}.krbConfigConfigMap are required with ${p}.krbCCacheSecret`);
    }
  }
  return problems;
}
